namespace ArchiveImport.Core.Matching;

/// <summary>A canonical song of an artist: a stable key, the display name, and curated alternative names.</summary>
public sealed record SongDefinition(string Key, string Name, IReadOnlyList<string> Aliases);
