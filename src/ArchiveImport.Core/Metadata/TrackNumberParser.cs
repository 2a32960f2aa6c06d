using System.Globalization;

namespace ArchiveImport.Core.Metadata;

/// <summary>Parses archive.org <c>track</c> values such as "1", "01" or "3/12" (track 3 of 12).</summary>
internal static class TrackNumberParser
{
    /// <summary>The leading positive number, or null when there is none.</summary>
    public static int? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        return int.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;
    }
}
