using System.Text;

namespace ArchiveImport.Core.Matching;

/// <summary>The stable, file-name-safe form of a name: song keys and artist config file names.</summary>
public static class Slugs
{
    /// <summary>
    /// "String Cheese Incident" → "string-cheese-incident": ASCII lower-case letters and digits
    /// with single dashes between words. Diacritics are folded, apostrophes dropped ("Truckin'" →
    /// "truckin") and "&amp;" spelled "and".
    /// </summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length);
        Span<char> folded = stackalloc char[2];
        var pendingDash = false;
        foreach (var c in name)
        {
            if (CharFolding.IsApostrophe(c))
            {
                continue;
            }

            if (c == '&')
            {
                pendingDash = slug.Length > 0;
                AppendWord(slug, "and", ref pendingDash);
                pendingDash = true;
                continue;
            }

            var count = CharFolding.Fold(c, folded);
            if (count > 0 && char.IsAsciiLetterOrDigit(folded[0]))
            {
                AppendWord(slug, folded[..count], ref pendingDash);
            }
            else if (count != 0)
            {
                pendingDash = slug.Length > 0;
            }
        }

        return slug.ToString();
    }

    private static void AppendWord(StringBuilder slug, ReadOnlySpan<char> text, ref bool pendingDash)
    {
        if (pendingDash)
        {
            slug.Append('-');
            pendingDash = false;
        }

        slug.Append(text);
    }
}
