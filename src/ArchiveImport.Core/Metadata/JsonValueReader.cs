using System.Text.Json;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// Reads archive.org metadata values, which may be a string, an array of strings, a number or absent
/// for the same field depending on the item.
/// </summary>
internal static class JsonValueReader
{
    /// <summary>The property's value as trimmed text; for an array the first non-empty element; null when absent or empty.</summary>
    public static string? ReadString(JsonElement obj, string propertyName) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(propertyName, out var value)
            ? ReadString(value)
            : null;

    /// <summary>The value as trimmed text; for an array the first non-empty element; null for empty text, null, booleans and objects.</summary>
    public static string? ReadString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return NullIfEmpty(value.GetString());
            case JsonValueKind.Number:
                // Some items carry numbers where others carry strings; the raw token reads the same as the string form.
                return value.GetRawText();
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind is JsonValueKind.String or JsonValueKind.Number && ReadString(element) is { } text)
                    {
                        return text;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>True for JSON <c>true</c> and for the strings "true"/"1", which archive.org uses interchangeably.</summary>
    public static bool ReadFlag(JsonElement obj, string propertyName)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(propertyName, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String or JsonValueKind.Number =>
                ReadString(value) is { } text
                && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1"),
            _ => false,
        };
    }

    private static string? NullIfEmpty(string? text)
    {
        var trimmed = WithoutControls(text)?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// The text without what would corrupt a table or a terminal: control characters (NUL, escape; a tab or line break
    /// becomes a space) and bidirectional overrides and isolates (U+202E would print the rest of a row backwards).
    /// </summary>
    internal static string? WithoutControls(string? text)
    {
        if (text is null || !text.AsSpan().ContainsAny(Unwanted))
        {
            return text;
        }

        var clean = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r')
            {
                clean.Append(' ');
            }
            else if (!Unwanted.Contains(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unwanted = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i))
        + "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
