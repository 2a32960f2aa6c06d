namespace ArchiveImport.Core.Matching;

/// <summary>
/// A normalised text with its word breaks removed, so that a compound written together or apart ("stellablue",
/// "shake down street") and a word split by tape-flip punctuation ("sug aree" from "Sug..aree") meet the song's own
/// key; and, as a second form, with a plural s also dropped from each longer word ("dancing in the streets"). The
/// forms are kept apart because a split word's first piece is no plural ("tennes see" from "Tennes..see").
/// </summary>
internal static class JoinedKey
{
    // Shorter words keep a final s: "his", "was", "yes" are not plurals.
    private const int MinimumPluralLength = 4;

    public static string Of(ReadOnlySpan<char> normalized, bool withoutPlurals)
    {
        Span<char> buffer = normalized.Length <= 256 ? stackalloc char[normalized.Length] : new char[normalized.Length];
        return new string(buffer[..Write(normalized, buffer, withoutPlurals)]);
    }

    /// <summary>Writes the joined key to <paramref name="destination"/> (at least as long as the text) and returns its length.</summary>
    public static int Write(ReadOnlySpan<char> normalized, Span<char> destination, bool withoutPlurals)
    {
        var length = 0;
        foreach (var range in normalized.Split(' '))
        {
            var word = normalized[range];
            if (withoutPlurals && word.Length >= MinimumPluralLength && word[^1] == 's' && word[^2] != 's')
            {
                word = word[..^1];
            }

            word.CopyTo(destination[length..]);
            length += word.Length;
        }

        return length;
    }
}
