using System.Globalization;

namespace ArchiveImport.Core.Metadata;

/// <summary>Parses archive.org <c>length</c> values: seconds ("337.18"), "mm:ss" or "hh:mm:ss".</summary>
public static class DurationParser
{
    /// <summary>The duration in seconds, or null when the text is missing, malformed, negative or zero.</summary>
    /// <remarks>Zero is treated as unknown: archive.org writes "0" for files it could not measure.</remarks>
    public static double? ParseSeconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        var seconds = span.Contains(':') ? ParseClock(span) : ParseNumber(span);
        return seconds is > 0 ? seconds : null;
    }

    private static double? ParseClock(ReadOnlySpan<char> text)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = text.Split(parts, ':');
        if (count is not (2 or 3))
        {
            return null;
        }

        var secondsPart = ParseNumber(text[parts[count - 1]]);
        var minutesPart = ParseWhole(text[parts[count - 2]]);
        var hoursPart = count == 3 ? ParseWhole(text[parts[0]]) : 0;
        if (secondsPart is not < 60 || minutesPart is null || hoursPart is null)
        {
            return null;
        }

        // "75:12" is a plausible mm:ss for a long jam; with an hours part the minutes must be a real clock value.
        if (count == 3 && minutesPart >= 60)
        {
            return null;
        }

        return (hoursPart.Value * 3600) + (minutesPart.Value * 60) + secondsPart.Value;
    }

    private static double? ParseNumber(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;

    private static int? ParseWhole(ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
