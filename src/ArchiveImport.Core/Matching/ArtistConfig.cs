namespace ArchiveImport.Core.Matching;

/// <summary>
/// One artist's configuration, read from a YAML file: the archive.org collection it is imported
/// from, its canonical songs, titles of its own that are never songs, and its studio albums.
/// </summary>
public sealed record ArtistConfig(
    string Name,
    string Collection,
    IReadOnlyList<SongDefinition> Songs,
    IReadOnlyList<string> Ignore,
    string SourcePath)
{
    /// <summary>Optional in the file; the matcher never reads them.</summary>
    public IReadOnlyList<StudioAlbum> StudioAlbums { get; init; } = [];
}
