using System.Globalization;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Schema;
using YamlDotNet.Core;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Checks the <c>studio_albums:</c> of an artist file against its songs and turns them into <see cref="StudioAlbum"/>s.
/// A song is named by its key or its name as the file's <c>tracks:</c> write them (case and punctuation aside).
/// </summary>
internal sealed class StudioAlbumValidator
{
    public const int EarliestYear = 1900;
    public const int LatestYear = 2100;

    private readonly string path;
    private readonly Dictionary<string, string> songKeys;

    public StudioAlbumValidator(string path, IEnumerable<SongDefinition> songs)
    {
        this.path = path;
        songKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var song in songs)
        {
            songKeys.TryAdd(Lookup(song.Key), song.Key);
            songKeys.TryAdd(Lookup(song.Name), song.Key);
        }
    }

    public IReadOnlyList<StudioAlbum> Validate(IReadOnlyList<StudioAlbumDocument> documents)
    {
        var titles = new Dictionary<string, LocatedText>(StringComparer.OrdinalIgnoreCase);
        var albums = new List<StudioAlbum>(documents.Count);
        foreach (var document in documents)
        {
            var album = Validate(document);
            if (!titles.TryAdd(album.Title, document.Album!))
            {
                throw Error(document.Album!.Start, $"studio album '{album.Title}' appears twice (first on line {titles[album.Title].Start.Line})",
                    "List each album once: merge the two entries' songs into one.");
            }

            albums.Add(album);
        }

        return albums;
    }

    private StudioAlbum Validate(StudioAlbumDocument document)
    {
        if (document.Album is not { Value.Length: > 0 } title)
        {
            throw Error(document.Album?.Start ?? document.Start, "a studio album has no 'album' title",
                "Give every studio album its title, e.g. 'album: American Beauty'.");
        }

        var name = title.Value;
        if (!ColumnText.Fits(name, ColumnLengths.StudioAlbums.AlbumTitle))
        {
            throw Error(title.Start,
                $"the title of studio album '{ColumnText.Clip(name, 40)}' is {ArtistConfigLimits.Count(name.Length)} characters long; "
                + $"the catalog stores at most {ArtistConfigLimits.Count(ColumnLengths.StudioAlbums.AlbumTitle)} (archivedotorg_studio_albums.album_title)",
                $"Shorten it to {ArtistConfigLimits.Count(ColumnLengths.StudioAlbums.AlbumTitle)} characters or fewer.");
        }

        return new StudioAlbum(name, Year(document, name), Cover(document, name), Songs(document, name));
    }

    private int Year(StudioAlbumDocument document, string album)
    {
        if (document.Year is not { Value.Length: > 0 } year)
        {
            throw Error(document.Year?.Start ?? document.Start, $"studio album '{album}' has no 'year'",
                "Add the year it was released, e.g. 'year: 1970'.");
        }

        if (!int.TryParse(year.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is < EarliestYear or > LatestYear)
        {
            throw Error(year.Start, $"the year '{year.Value}' of studio album '{album}' is not a year from {EarliestYear} to {LatestYear}",
                "Write the release year as four digits, e.g. 'year: 1970'.");
        }

        return value;
    }

    private string Cover(StudioAlbumDocument document, string album)
    {
        if (document.Cover is not { Value.Length: > 0 } cover)
        {
            throw Error(document.Cover?.Start ?? document.Start, $"studio album '{album}' has no 'cover'",
                "Add the address of its cover image, e.g. 'cover: https://example.org/american-beauty.jpg'.");
        }

        if (!Uri.TryCreate(cover.Value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Error(cover.Start, $"the cover '{ColumnText.Clip(cover.Value, 80)}' of studio album '{album}' is not an absolute http or https URL",
                "Write the image's full address, starting with https:// (or http://).");
        }

        if (!ColumnText.Fits(cover.Value, ColumnLengths.StudioAlbums.CoverUrl))
        {
            throw Error(cover.Start,
                $"the cover URL of studio album '{album}' is {ArtistConfigLimits.Count(cover.Value.Length)} characters long; the catalog stores at most "
                + $"{ArtistConfigLimits.Count(ColumnLengths.StudioAlbums.CoverUrl)} (archivedotorg_studio_albums.cover_url)",
                "Use a shorter address for the same image.");
        }

        return cover.Value;
    }

    private List<string> Songs(StudioAlbumDocument document, string album)
    {
        var keys = new List<string>(document.Songs.Count);
        foreach (var song in document.Songs)
        {
            if (!songKeys.TryGetValue(Lookup(song.Value), out var key))
            {
                throw Error(song.Start, $"song '{song.Value}' of studio album '{album}' is not one of the artist's tracks",
                    "Name the song by its key or name as written under 'tracks:', or add it there first.");
            }

            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static string Lookup(string text) => TitleNormalizer.Normalize(text, NormalizeOptions.None);

    private ArtistConfigException Error(Mark at, string problem, string remedy) =>
        new(path, (int)at.Line, (int)at.Column, problem, remedy);
}
