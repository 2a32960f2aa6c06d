namespace ArchiveImport.Core.Matching;

/// <summary>A song of the artist's catalog, by its stable key and display name.</summary>
public sealed record SongRef(string Key, string Name);
