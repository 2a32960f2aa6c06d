using System.Globalization;
using System.Text;

namespace ArchiveImport.Testing;

/// <summary>
/// The opaque scrape cursor: base64 of the next offset. Like the real ones it may contain
/// '+', '/' and '=', so clients must URL-encode it.
/// </summary>
internal static class ScrapeCursor
{
    private const string Prefix = "fake-scrape:";

    public static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        var bytes = new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, bytes, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
