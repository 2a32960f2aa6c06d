using ArchiveImport.Core.ArtistConfigs;
using Xunit;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

/// <summary>The optional studio_albums of an artist config: read, tied to the config's songs, and each mistake named.</summary>
public sealed class StudioAlbumConfigTests : IDisposable
{
    private const string Head = """
        name: Grateful Dead
        collection: GratefulDead
        tracks:
          - key: casey-jones
            name: Casey Jones
          - key: uncle-johns-band
            name: Uncle John's Band
        studio_albums:

        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Albums_name_songs_by_key_or_name_and_keep_their_year_and_cover()
    {
        var config = Load("""
              - album: Workingman's Dead
                year: 1970
                cover: https://covers.example.org/workingmans-dead.jpg
                songs: [casey-jones, "uncle john's band", Casey Jones]
              - album: Skeletons from the Closet
                year: 1974
                cover: http://covers.example.org/skeletons.jpg
            """);

        var album = config.StudioAlbums[0];
        Assert.Equal(("Workingman's Dead", 1970, "https://covers.example.org/workingmans-dead.jpg"), (album.Title, album.Year, album.Cover));
        Assert.Equal(["casey-jones", "uncle-johns-band"], album.SongKeys);
        Assert.Empty(config.StudioAlbums[1].SongKeys);
    }

    [Fact]
    public void A_config_without_studio_albums_has_none()
    {
        var path = directory.Write("plain.yaml", "name: Lettuce\ncollection: Lettuce\n");
        Assert.Empty(ArtistConfigStore.Load(path).StudioAlbums);
    }

    [Theory]
    [InlineData("  - album: Workingman's Dead\n    year: 1970\n    cover: https://c.example.org/w.jpg\n    songs: [Dark Star]",
        "song 'Dark Star' of studio album 'Workingman's Dead' is not one of the artist's tracks", 12)]
    [InlineData("  - album: Workingman's Dead\n    year: 1970\n    cover: covers/w.jpg",
        "the cover 'covers/w.jpg' of studio album 'Workingman's Dead' is not an absolute http or https URL", 11)]
    [InlineData("  - album: Workingman's Dead\n    year: 1970\n    cover: ftp://c.example.org/w.jpg",
        "is not an absolute http or https URL", 11)]
    [InlineData("  - year: 1970\n    cover: https://c.example.org/w.jpg", "a studio album has no 'album' title", 9)]
    [InlineData("  - album: Workingman's Dead\n    year: 1870\n    cover: https://c.example.org/w.jpg",
        "the year '1870' of studio album 'Workingman's Dead' is not a year from 1900 to 2100", 10)]
    [InlineData("  - album: Workingman's Dead\n    year: nineteen seventy\n    cover: https://c.example.org/w.jpg",
        "the year 'nineteen seventy' of studio album", 10)]
    [InlineData("  - album: Workingman's Dead\n    cover: https://c.example.org/w.jpg", "studio album 'Workingman's Dead' has no 'year'", 9)]
    [InlineData("  - album: Workingman's Dead\n    year: 1970", "studio album 'Workingman's Dead' has no 'cover'", 9)]
    [InlineData("  - album: Workingman's Dead\n    year: 1970\n    cover: https://c.example.org/w.jpg\n  - album: workingman's dead\n    year: 1971\n    cover: https://c.example.org/x.jpg",
        "studio album 'workingman's dead' appears twice (first on line 9)", 12)]
    [InlineData("  - album: Workingman's Dead\n    label: Warner", "unknown studio album field 'label'", 10)]
    public void Each_mistake_names_the_file_the_line_the_album_and_what_to_fix(string albums, string problem, int line)
    {
        var path = directory.Write("albums.yaml", Head + albums + "\n");

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigStore.Load(path));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(error.FilePath));
        Assert.Matches(@"\. [A-Z].+\.$", error.Message); // says what to do next
    }

    [Fact]
    public void Adding_aliases_and_ignored_titles_keeps_the_albums()
    {
        var path = directory.Write("albums.yaml", Head + """
              - album: Workingman's Dead
                year: 1970
                cover: https://covers.example.org/workingmans-dead.jpg
                songs: [casey-jones]

            """);

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("casey-jones", "Casey Jone")]);
        ArtistConfigWriter.AddIgnored(path, ["Tuning Jam"]);

        var config = ArtistConfigStore.Load(path);
        Assert.Equal(["Casey Jone"], config.Songs[0].Aliases);
        Assert.Equal(["Tuning Jam"], config.Ignore);
        Assert.Equal(["casey-jones"], Assert.Single(config.StudioAlbums).SongKeys);
    }

    private ArchiveImport.Core.Matching.ArtistConfig Load(string albums) => ArtistConfigStore.Load(directory.Write("albums.yaml", Head + albums + "\n"));
}
