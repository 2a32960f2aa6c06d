using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Writes a text value as a YAML scalar that reads back as exactly that text, in a block or a flow
/// context (inside <c>[...]</c>): plain when that is safe, otherwise quoted.
/// </summary>
internal static partial class YamlScalarFormatter
{
    // Characters that end a plain scalar, start a comment, anchor, tag, quote, block scalar or directive,
    // or separate flow items. Any of them anywhere in the text means quoting, which is always safe.
    private const string Indicators = ":#,[]{}&*!|>'\"%@`";

    /// <summary>The value as written in a YAML file: unchanged when plain is safe, otherwise quoted.</summary>
    public static string Format(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsQuotes(value))
        {
            return value;
        }

        if (!value.Any(IsEscaped) && (value.Contains('"', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal)))
        {
            // 'He said "hi"' reads better than "He said \"hi\"".
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return DoubleQuoted(value);
    }

    /// <summary>
    /// True when a plain scalar would not read back as <paramref name="value"/>: it is empty, has
    /// leading or trailing space, contains an indicator or a control character, starts like a list
    /// item or a key, or would be read as a number, bool, null or date by YAML 1.1 or 1.2 tools.
    /// </summary>
    public static bool NeedsQuotes(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0
            || char.IsWhiteSpace(value[0])
            || char.IsWhiteSpace(value[^1])
            || value[0] is '-' or '?'
            || value.AsSpan().IndexOfAny(Indicators) >= 0
            || value.Any(IsEscaped)
            || LooksLikeNonString(value);
    }

    private static bool LooksLikeNonString(string value) =>
        value.ToUpperInvariant() is "~" or "NULL" or "TRUE" or "FALSE" or "YES" or "NO" or "Y" or "N" or "ON" or "OFF"
        || NumberOrDate().IsMatch(value);

    private static bool IsEscaped(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF';

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\0': text.Append("\\0"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\v': text.Append("\\v"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case '\u001B': text.Append("\\e"); break;
                case '\u0085': text.Append("\\N"); break;
                case '\u2028': text.Append("\\L"); break;
                case '\u2029': text.Append("\\P"); break;
                case '\uFEFF': text.Append("\\uFEFF"); break;
                case var control when char.IsControl(control):
                    text.Append("\\x").Append(((int)control).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }

    // Integers and floats of YAML 1.1 and 1.2 (with '_' separators, hex, octal, binary, .inf, .nan) and timestamps.
    [GeneratedRegex("""
        ^(?:
            [-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?
          | [-+]?0x[0-9a-fA-F_]+
          | [-+]?0o[0-7_]+
          | [-+]?0b[01_]+
          | [-+]?\.(?:inf|Inf|INF)
          | \.(?:nan|NaN|NAN)
          | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?
        )\z
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex NumberOrDate();
}
