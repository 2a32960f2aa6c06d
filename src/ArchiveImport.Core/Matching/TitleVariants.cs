namespace ArchiveImport.Core.Matching;

/// <summary>
/// Rewrites of a normalised title that keep its meaning. They are tried only after the title
/// itself missed, and count only when the rewrite hits a song key exactly.
/// </summary>
internal static class TitleVariants
{
    private const int MinimumDroppedGWordLength = 4;
    private const int MaximumTrackNumberDigits = 3;

    /// <summary>
    /// "lovin" → "loving" for every word of four or more letters ending in "in". Too loose for the
    /// normaliser ("rain" would become "raing"), safe as a variant because only exact hits count.
    /// Returns <paramref name="text"/> itself when no word changes.
    /// </summary>
    public static ReadOnlySpan<char> RestoreDroppedG(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var length = 0;
        var changed = false;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? [] : rest[(space + 1)..];

            word.CopyTo(buffer[length..]);
            length += word.Length;
            if (word.Length >= MinimumDroppedGWordLength && word.EndsWith("in") && char.IsAsciiLetter(word[^3]))
            {
                buffer[length++] = 'g';
                changed = true;
            }

            if (space >= 0)
            {
                buffer[length++] = ' ';
            }
        }

        return changed ? buffer[..length] : text;
    }

    /// <summary>"viola lee blues 10" → "viola lee blues"; otherwise the text itself.</summary>
    public static ReadOnlySpan<char> WithoutTrailingNumber(ReadOnlySpan<char> text)
    {
        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace <= 0)
        {
            return text;
        }

        var lastWord = text[(lastSpace + 1)..];
        return lastWord.Length <= MaximumTrackNumberDigits && !lastWord.ContainsAnyExceptInRange('0', '9')
            ? text[..lastSpace]
            : text;
    }
}
