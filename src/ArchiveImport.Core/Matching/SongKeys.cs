namespace ArchiveImport.Core.Matching;

/// <summary>The normalised keys under which a song name or alias is indexed.</summary>
internal static class SongKeys
{
    /// <summary>
    /// The text folded as written, plus the shortened forms a title may reduce to: without its
    /// bracketed part ("Man Smart (Woman Smarter)" is also "man smart") and without what looks
    /// like a leading track number ("8 Cylinders" is also "cylinders").
    /// </summary>
    public static IEnumerable<IndexedKey> For(SongRef song, string text)
    {
        var folded = TitleNormalizer.Normalize(text, NormalizeOptions.None);
        yield return new IndexedKey(folded, song, KeyStrength.Primary);
        if (MayHavePositionalMarkers(text))
        {
            var shortened = TitleNormalizer.Normalize(text, NormalizeOptions.StripPositionalMarkers);
            if (shortened != folded)
            {
                yield return new IndexedKey(shortened, song, KeyStrength.Derived);
            }
        }

        // Without a bracket there are no notes to strip: both forms would repeat the two above (this halves index build time).
        if (text.AsSpan().IndexOfAny('(', '[') >= 0)
        {
            yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.StripBracketedNotes), song, KeyStrength.Derived);
            yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.Title), song, KeyStrength.Derived);
        }
    }

    /// <summary>
    /// Every positional marker holds a digit or one of these punctuation marks, or follows leading junk: a name with
    /// none of them cannot lose anything to <see cref="NormalizeOptions.StripPositionalMarkers"/>, so it is not normalised twice.
    /// </summary>
    private static bool MayHavePositionalMarkers(string text) =>
        text.Length == 0 || !char.IsLetter(text[0]) || text.AsSpan().IndexOfAny(MarkerCharacters) >= 0;

    private static readonly System.Buffers.SearchValues<char> MarkerCharacters =
        System.Buffers.SearchValues.Create("0123456789:-.)\u2013\u2014|]>");
}
