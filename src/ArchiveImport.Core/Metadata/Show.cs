namespace ArchiveImport.Core.Metadata;

/// <summary>One recording of a concert as described by an archive.org item.</summary>
/// <param name="AudioFormat">The single archive.org format the tracks were taken from, e.g. "Shorten" or "Flac".</param>
/// <param name="SourceType">One of <see cref="Metadata.SourceType"/>, read from the source, identifier and lineage.</param>
/// <param name="Rating">archive.org's average review rating (0–5), when the metadata gives it.</param>
/// <param name="Downloads">archive.org's download count, when the metadata gives it.</param>
public sealed record Show(
    string Identifier,
    string? Title,
    DateOnly? Date,
    string? Venue,
    string? Coverage,
    string? Source,
    string? Taper,
    string? Lineage,
    string AudioFormat,
    IReadOnlyList<Track> Tracks)
{
    public string SourceType { get; init; } = Metadata.SourceType.Unknown;
    public string? Transferer { get; init; }
    public double? Rating { get; init; }
    public int? ReviewCount { get; init; }
    public long? Downloads { get; init; }

    /// <summary>The place before the coverage's last comma ("San Francisco, CA" → "San Francisco").</summary>
    public string? City => SplitCoverage().City;

    /// <summary>The place after the coverage's last comma ("San Francisco, CA" → "CA").</summary>
    public string? Region => SplitCoverage().Region;

    private (string? City, string? Region) SplitCoverage()
    {
        if (Coverage is not { } coverage)
        {
            return (null, null);
        }

        var comma = coverage.LastIndexOf(',');
        if (comma < 0)
        {
            return (coverage.Trim(), null);
        }

        var city = coverage[..comma].Trim();
        var region = coverage[(comma + 1)..].Trim();
        return (city.Length == 0 ? null : city, region.Length == 0 ? null : region);
    }
}
