using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchiveImport.Core.Metadata;

/// <summary>Where a file name places a track: <c>d1t01</c> (disc), <c>s1t01</c> (set), <c>t01</c> or a leading number.</summary>
/// <param name="Group">The disc or set number; 0 when the name has none.</param>
/// <param name="Track">The track number within the group.</param>
/// <param name="Disc">The disc number, only for the <c>d1t01</c> form.</param>
internal readonly partial record struct TrackFileName(int Group, int Track, int? Disc)
{
    /// <summary>Reads the track position from the file's own name (folders are ignored), or null when the name is not track-like.</summary>
    public static TrackFileName? Parse(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);

        var match = DiscAndTrack().Match(stem);
        if (match.Success)
        {
            var disc = Number(match.Groups["group"]);
            return new TrackFileName(disc, Number(match.Groups["track"]), disc);
        }

        match = SetAndTrack().Match(stem);
        if (match.Success)
        {
            return new TrackFileName(Number(match.Groups["group"]), Number(match.Groups["track"]), Disc: null);
        }

        match = TrackOnly().Match(stem);
        if (!match.Success)
        {
            match = LeadingTrackNumber().Match(stem);
        }

        return match.Success ? new TrackFileName(0, Number(match.Groups["track"]), Disc: null) : null;
    }

    // The patterns allow at most four digits, so this cannot overflow.
    private static int Number(Group group) => int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"d(?<group>[0-9]{1,3})t(?<track>[0-9]{1,4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiscAndTrack();

    // Not after a letter, so words ending in "s"/"t" followed by digits ("parts2", "part01") do not count.
    [GeneratedRegex(@"(?<![a-z])s(?<group>[0-9]{1,3})t(?<track>[0-9]{1,4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetAndTrack();

    [GeneratedRegex(@"(?<![a-z])t(?<track>[0-9]{1,4})(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrackOnly();

    // "01 Morning Dew", "1-intro"; at most three digits so a leading year ("1973-06-10…") is not a track number.
    [GeneratedRegex(@"^(?<track>[0-9]{1,3})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingTrackNumber();
}
