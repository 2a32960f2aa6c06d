namespace ArchiveImport.Core.Metadata;

/// <summary>One audio file of a show.</summary>
/// <param name="Position">1-based position in playing order.</param>
/// <param name="Disc">Disc number from a <c>d1t01</c>-style file name, when present.</param>
/// <param name="TrackNumber">The archive.org <c>track</c> field; it may keep counting across discs.</param>
/// <param name="FileName">The file's name within the item, possibly with folders.</param>
public sealed record Track(
    int Position,
    int? Disc,
    int? TrackNumber,
    string? Title,
    double? DurationSeconds,
    string FileName);
