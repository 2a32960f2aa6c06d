namespace ArchiveImport.Core.Matching;

/// <summary>
/// A studio album of an artist, from its config's <c>studio_albums:</c>: its title, release year, cover image URL and
/// the keys of its songs. A recording whose first song is on it may show its cover (Get-ArchiveArtwork).
/// </summary>
public sealed record StudioAlbum(string Title, int Year, string Cover, IReadOnlyList<string> SongKeys);
