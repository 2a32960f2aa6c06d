using System.Buffers;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Turns a raw track title, a song name or an alias into the key that matching compares exactly:
/// encoding accidents repaired, positional furniture and notes removed, case, diacritics,
/// punctuation and common spelling variants folded (see <see cref="Normalize(string)"/>).
/// </summary>
public static class TitleNormalizer
{
    private const int StackBufferSize = 512;

    /// <summary>
    /// Normalises a title or name: decodes HTML entities and repairs mojibake; strips disc/track
    /// prefixes, set/encore markers, tape positions, timings, bracketed notes, footnote and reel-flip
    /// marks; folds case and diacritics, <c>&amp;</c> to <c>and</c>, <c>St</c> to <c>saint</c>,
    /// <c>playin'</c> to <c>playing</c>, <c>'n'</c> to <c>and</c>; drops a leading <c>the</c>; and
    /// collapses punctuation and spaces into single spaces.
    /// </summary>
    public static string Normalize(string raw) => Normalize(raw, NormalizeOptions.Title);

    /// <summary>
    /// Splits a title into the songs it names, on segue markers outside brackets, and reports
    /// whether it ends with a marker (the track runs into the next one). Pieces without any letter
    /// or digit (footnote marks after a trailing marker) are dropped.
    /// </summary>
    public static IReadOnlyList<string> SplitSegments(string raw, out bool seguesIntoNext)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return SegueSplitter.Split(raw, out seguesIntoNext);
    }

    internal static string Normalize(string raw, NormalizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = TextRepair.Repair(raw).AsSpan();
        text = (options & NormalizeOptions.StripPositionalMarkers) != 0 ? PositionalMarkers.Strip(text) : text.Trim();
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        // Folding can grow the text ("&" becomes " and "); rewriting words can grow it again ("st" becomes "saint").
        var foldCapacity = (text.Length * 5) + 8;
        char[]? rentedFold = null;
        char[]? rentedWords = null;
        try
        {
            var folded = foldCapacity <= StackBufferSize
                ? stackalloc char[StackBufferSize]
                : rentedFold = ArrayPool<char>.Shared.Rent(foldCapacity);
            var stripNotes = (options & NormalizeOptions.StripBracketedNotes) != 0;
            var foldedLength = FoldWords(text, folded, stripNotes);
            if (foldedLength == 0 && stripNotes)
            {
                // The whole title is a note ("[crowd]"): its words are all there is.
                foldedLength = FoldWords(text, folded, skipBracketed: false);
            }

            var wordsCapacity = (foldedLength * 3) + 8;
            var words = wordsCapacity <= StackBufferSize
                ? stackalloc char[StackBufferSize]
                : rentedWords = ArrayPool<char>.Shared.Rent(wordsCapacity);
            var length = WordRewriter.Rewrite(folded[..foldedLength], words);
            return new string(words[..length]);
        }
        finally
        {
            if (rentedFold is not null)
            {
                ArrayPool<char>.Shared.Return(rentedFold);
            }

            if (rentedWords is not null)
            {
                ArrayPool<char>.Shared.Return(rentedWords);
            }
        }
    }

    private static int FoldWords(ReadOnlySpan<char> text, Span<char> output, bool skipBracketed)
    {
        var writer = new WordWriter(output);
        Span<char> folded = stackalloc char[2];
        var depth = 0;
        var inDottedAbbreviation = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
                writer.Break();
                continue;
            }

            if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
                writer.Break();
                continue;
            }

            if (skipBracketed && depth > 0)
            {
                continue;
            }

            if (CharFolding.IsApostrophe(c))
            {
                // "playin'" is "playing"; any other apostrophe joins its word ("don't" is "dont").
                if (writer.EndsWithDroppedG && !IsLetterOrDigitAt(text, i + 1))
                {
                    writer.Append("g");
                }

                continue;
            }

            if (c == '&')
            {
                writer.Break();
                writer.Append("and");
                writer.Break();
                inDottedAbbreviation = false;
                continue;
            }

            if (c == '.' && (inDottedAbbreviation || writer.CurrentWordLength == 1) && IsSingleLetterAt(text, i + 1))
            {
                // "U.S." and "C.C." are one word, so they equal "US" and "CC".
                inDottedAbbreviation = true;
                continue;
            }

            var count = CharFolding.Fold(c, folded);
            if (count == 0)
            {
                continue;
            }

            if (count < 0)
            {
                writer.Break();
                inDottedAbbreviation = false;
                continue;
            }

            if (char.IsAsciiDigit(folded[0]) && writer.EndsWithLetter)
            {
                // "Viola Lee Blues01" has a track number glued on.
                writer.Break();
            }

            writer.Append(folded[..count]);
        }

        return writer.Length;
    }

    private static bool IsLetterOrDigitAt(ReadOnlySpan<char> text, int index) =>
        index < text.Length && char.IsLetterOrDigit(text[index]);

    // A letter that is not followed by another letter: the next piece of an abbreviation like "U.S.".
    private static bool IsSingleLetterAt(ReadOnlySpan<char> text, int index) =>
        index < text.Length && char.IsLetter(text[index]) && !IsLetterOrDigitAt(text, index + 1);

    /// <summary>Writes words separated by single spaces, with no leading or trailing space.</summary>
    private ref struct WordWriter(Span<char> output)
    {
        private readonly Span<char> output = output;
        private bool pendingBreak;

        public int Length { get; private set; }

        public int CurrentWordLength { get; private set; }

        public readonly bool EndsWithLetter => !pendingBreak && Length > 0 && char.IsLetter(output[Length - 1]);

        public readonly bool EndsWithDroppedG =>
            !pendingBreak && CurrentWordLength >= 3 && output[Length - 2] == 'i' && output[Length - 1] == 'n';

        public void Break()
        {
            pendingBreak = Length > 0;
            CurrentWordLength = 0;
        }

        public void Append(scoped ReadOnlySpan<char> chars)
        {
            if (pendingBreak)
            {
                output[Length++] = ' ';
                pendingBreak = false;
            }

            chars.CopyTo(output[Length..]);
            Length += chars.Length;
            CurrentWordLength += chars.Length;
        }
    }
}
