namespace ArchiveImport.Core.Matching;

/// <summary>
/// One artist's configuration, read from a YAML file: the archive.org collection it is imported
/// from, its canonical songs, and titles of its own that are never songs.
/// </summary>
public sealed record ArtistConfig(
    string Name,
    string Collection,
    IReadOnlyList<SongDefinition> Songs,
    IReadOnlyList<string> Ignore,
    string SourcePath);
