namespace ArchiveImport.Core.Metadata;

/// <summary>One recording of a concert as described by an archive.org item.</summary>
/// <param name="AudioFormat">The single archive.org format the tracks were taken from, e.g. "Shorten" or "Flac".</param>
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
    IReadOnlyList<Track> Tracks);
