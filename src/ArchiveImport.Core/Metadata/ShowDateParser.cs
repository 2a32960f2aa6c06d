using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchiveImport.Core.Metadata;

/// <summary>Finds the concert date from the item's <c>date</c> metadata, falling back to the identifier.</summary>
public static partial class ShowDateParser
{
    /// <summary>
    /// Two-digit years below this are 20xx, the rest 19xx: etree identifiers such as <c>gd73-06-10</c>
    /// name shows from the 1960s on, and 2000s shows use two digits too (<c>ph03-…</c>).
    /// </summary>
    public const int TwoDigitYearPivot = 30;

    private static readonly string[] MetadataDateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    /// <summary>The show's date, or null when neither the metadata nor the identifier holds a valid one.</summary>
    public static DateOnly? Parse(string? metadataDate, string identifier) =>
        ParseMetadataDate(metadataDate) ?? ParseIdentifier(identifier);

    private static DateOnly? ParseMetadataDate(string? metadataDate)
    {
        if (string.IsNullOrWhiteSpace(metadataDate))
        {
            return null;
        }

        // DateTime rather than DateOnly so the "T…Z" form parses; the calendar date is kept as written, not shifted to local time.
        return DateTime.TryParseExact(
            metadataDate.Trim(),
            MetadataDateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var parsed)
            ? DateOnly.FromDateTime(parsed)
            : null;
    }

    private static DateOnly? ParseIdentifier(string identifier)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return null;
        }

        return FromMatch(FourDigitYearDashed().Match(identifier), twoDigitYear: false)
            ?? FromMatch(FourDigitYearCompact().Match(identifier), twoDigitYear: false)
            ?? FromMatch(TwoDigitYearDashed().Match(identifier), twoDigitYear: true);
    }

    private static DateOnly? FromMatch(Match match, bool twoDigitYear)
    {
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        if (twoDigitYear)
        {
            year += year < TwoDigitYearPivot ? 2000 : 1900;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    // ymsb2006-07-03.flac16, gd1977-05-08…
    [GeneratedRegex(@"(?<![0-9])(?<year>(?:19|20)[0-9]{2})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigitYearDashed();

    // gd19770508…
    [GeneratedRegex(@"(?<![0-9])(?<year>(?:19|20)[0-9]{2})(?<month>[0-9]{2})(?<day>[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigitYearCompact();

    // gd73-06-10.sbd…: only right after the artist prefix, where a two-digit year cannot be mistaken for another number.
    [GeneratedRegex(@"^[a-z]+(?<year>[0-9]{2})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwoDigitYearDashed();
}
