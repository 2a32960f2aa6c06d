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
        yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.None), song, KeyStrength.Primary);
        yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.StripBracketedNotes), song, KeyStrength.Derived);
        yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.StripPositionalMarkers), song, KeyStrength.Derived);
        yield return new IndexedKey(TitleNormalizer.Normalize(text, NormalizeOptions.Title), song, KeyStrength.Derived);
    }
}
