using System.Text;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Case and diacritic folding for single characters, without per-call string normalisation.
/// Shared by the title normaliser and by slugs.
/// </summary>
internal static class CharFolding
{
    private const int TableSize = 0x250; // Basic Latin through Latin Extended-B

    // Built once; index = character, value = folded lower-case base letter or digit, '\0' = not a word character.
    private static readonly string LatinTable = BuildLatinTable();

    /// <summary>
    /// Writes the folded form of <paramref name="c"/> (one or two characters) to <paramref name="destination"/>.
    /// Returns the number written, 0 for a combining mark (to be dropped without a break),
    /// or -1 for a character that separates words.
    /// </summary>
    public static int Fold(char c, Span<char> destination)
    {
        if (c < 0x80)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                destination[0] = char.ToLowerInvariant(c);
                return 1;
            }

            return -1;
        }

        var expansion = Expansion(c);
        if (expansion is not null)
        {
            expansion.AsSpan().CopyTo(destination);
            return expansion.Length;
        }

        if (c < TableSize)
        {
            var folded = LatinTable[c];
            if (folded == '\0')
            {
                return -1;
            }

            destination[0] = folded;
            return 1;
        }

        if (c is >= '\u0300' and <= '\u036F')
        {
            return 0;
        }

        if (char.IsLetterOrDigit(c))
        {
            destination[0] = char.ToLowerInvariant(c);
            return 1;
        }

        return -1;
    }

    /// <summary>True for the characters writers use as an apostrophe, including the acute accent of <c>Don´t</c>.</summary>
    public static bool IsApostrophe(char c) =>
        c is '\'' or '\u2019' or '\u2018' or '\u00B4' or '`' or '\u2032' or '\u02BC' or '\u201B';

    /// <summary>True for straight and typographic double quotes.</summary>
    public static bool IsDoubleQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u2033';

    private static string? Expansion(char c) => c switch
    {
        '\u00DF' => "ss",
        '\u00C6' or '\u00E6' => "ae",
        '\u0152' or '\u0153' => "oe",
        '\u00DE' or '\u00FE' => "th",
        '\u0132' or '\u0133' => "ij",
        _ => null,
    };

    private static string BuildLatinTable()
    {
        var table = new char[TableSize];
        for (var code = 0; code < TableSize; code++)
        {
            var c = (char)code;
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            table[code] = char.ToLowerInvariant(BaseLetter(decomposed[0]));
        }

        return new string(table);
    }

    // Letters with a stroke or bar have no canonical decomposition.
    private static char BaseLetter(char c) => c switch
    {
        '\u00D8' or '\u00F8' => 'o',
        '\u0110' or '\u0111' or '\u00D0' or '\u00F0' => 'd',
        '\u0141' or '\u0142' => 'l',
        '\u0126' or '\u0127' => 'h',
        '\u0166' or '\u0167' => 't',
        '\u0131' => 'i',
        _ => c,
    };
}
