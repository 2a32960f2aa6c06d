using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;
using static ArchiveImport.Core.Tests.Browse.BrowseCatalog;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>
/// Artwork on both engines over the browse catalog: the 1973 soundboard item carries cover scans, the 1970 audience
/// item none, and its first song (Casey Jones) is on two studio albums of the test config.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ArtworkTests
{
    private const string WorkingmansDead = "https://covers.example.org/workingmans-dead.jpg";
    private const string Skeletons = "https://covers.example.org/skeletons.jpg";

    private const string TwoAlbums = """

        studio_albums:
          - album: Skeletons from the Closet
            year: 1974
            cover: https://covers.example.org/skeletons.jpg
            songs: [Casey Jones, sugar-magnolia]
          - album: Workingman's Dead
            year: 1970
            cover: https://covers.example.org/workingmans-dead.jpg
            songs: [casey-jones, uncle-johns-band]

        """;

    private const string SkeletonsOnly = """

        studio_albums:
          - album: Skeletons from the Closet
            year: 1974
            cover: https://covers.example.org/skeletons.jpg
            songs: [Casey Jones]

        """;

    private readonly MariaDbFixture mariaDb;

    public ArtworkTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Override_then_item_image_then_studio_album_then_none(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        string original = WithAlbums(home, TwoAlbums);
        var services = await FillAsync(archive, home);
        var warnings = new List<string>();
        var resolver = new ArtworkResolver(services, _ => { }, warnings.Add);

        var item = resolver.Resolve(Soundboard)!;
        Assert.Equal((ArtworkRule.ItemImage, "RFKJune73extras/Covers/GD6-10-73FrontCowboys.jpg"), (item.Rule, item.Detail));
        Assert.Equal($"{archive.BaseAddress.AbsoluteUri}download/{Soundboard}/RFKJune73extras/Covers/GD6-10-73FrontCowboys.jpg", item.ImageUrl);
        Assert.Equal(Artist, item.Artist);

        // No image in the item: the earliest album holding its first song (Casey Jones is on both).
        var album = resolver.Resolve(Audience1970)!;
        Assert.Equal((ArtworkRule.StudioAlbum, WorkingmansDead), (album.Rule, album.ImageUrl));
        Assert.Equal("Workingman's Dead (1970), for Casey Jones", album.Detail);

        // An override wins over the item's own image, replaces an earlier one, and its removal falls back.
        services.Artwork.Set(Soundboard, "https://images.example.org/first.jpg", null, services.Now);
        var set = services.Artwork.Set(Soundboard, "https://images.example.org/rfk.jpg", "  RFK poster ", services.Now);
        Assert.Equal((Artist, Soundboard, "https://images.example.org/rfk.jpg", "RFK poster"), (set.Artist, set.Identifier, set.ImageUrl, set.Note));
        var chosen = resolver.Resolve(Soundboard)!;
        Assert.Equal((ArtworkRule.Override, "https://images.example.org/rfk.jpg", "RFK poster"), (chosen.Rule, chosen.ImageUrl, chosen.Detail));
        Assert.Equal([Soundboard], resolver.Overrides([Artist]).Select(o => o.Identifier));
        Assert.Equal("https://images.example.org/rfk.jpg", services.Artwork.Remove(Soundboard)!.ImageUrl);
        Assert.Equal(ArtworkRule.ItemImage, resolver.Resolve(Soundboard)!.Rule);
        Assert.Null(services.Artwork.Remove(Soundboard));
        Assert.Empty(resolver.Overrides([Artist]));

        // The config loses the 1970 album, then every album: the next populate follows, and the song falls through.
        File.WriteAllText(ConfigPath(home), original + SkeletonsOnly);
        ImportPipelineTests.Populate(services, [Audience1970]);
        Assert.Equal((ArtworkRule.StudioAlbum, Skeletons), (resolver.Resolve(Audience1970)!.Rule, resolver.Resolve(Audience1970)!.ImageUrl));
        File.WriteAllText(ConfigPath(home), original);
        ImportPipelineTests.Populate(services, [Audience1970]);
        var none = resolver.Resolve(Audience1970)!;
        Assert.Equal((ArtworkRule.None, (string?)null), (none.Rule, none.ImageUrl));
        Assert.Equal("no image file; Casey Jones is on no studio album", none.Detail);
        Assert.Empty(AlbumRows(services));

        Assert.Null(resolver.Resolve("gd-no-such-item"));
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Syncing_the_same_albums_again_changes_nothing_and_a_changed_album_is_updated(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        WithAlbums(home, TwoAlbums);
        var services = await FillAsync(archive, home);
        var before = AlbumRows(services);
        Assert.Equal(4, before.Count); // two albums of two songs each

        var config = services.RequireArtist(Artist);
        var artistId = services.Artists.Find(Artist)!.Value;
        var songIds = services.Catalog.SyncSongs(artistId, config.Songs);
        services.StudioAlbums.Sync(artistId, config.StudioAlbums, songIds, services.Now.AddDays(1));
        Assert.Equal(before, AlbumRows(services));

        var moved = config.StudioAlbums.Select(a => a.Title == "Workingman's Dead" ? a with { Year = 1975, SongKeys = ["uncle-johns-band"] } : a).ToList();
        services.StudioAlbums.Sync(artistId, moved, songIds, services.Now);
        var after = AlbumRows(services);
        Assert.Equal(3, after.Count);
        Assert.Single(after, row => row.StartsWith("Workingman's Dead|1975|" + WorkingmansDead + "|uncle-johns-band|", StringComparison.Ordinal));
        Assert.DoesNotContain(after, row => row.StartsWith("Workingman's Dead|", StringComparison.Ordinal) && row.Contains("|casey-jones|", StringComparison.Ordinal));
        Assert.Equal("Skeletons from the Closet (1974), for Casey Jones", new ArtworkResolver(services, _ => { }, _ => { }).Resolve(Audience1970)!.Detail);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_override_needs_an_http_url_and_a_recording_of_the_catalog(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);

        foreach (var url in new[] { "covers/rfk.jpg", "ftp://images.example.org/rfk.jpg", "file:///tmp/rfk.jpg", "https://images.example.org/" + new string('a', 1000) })
        {
            var bad = Assert.Throws<ArgumentException>(() => services.Artwork.Set(Soundboard, url, null, services.Now));
            Assert.Contains(Soundboard, bad.Message, StringComparison.Ordinal);
        }

        var missing = Assert.Throws<KeyNotFoundException>(() => services.Artwork.Set("gd-no-such-item", "https://images.example.org/x.jpg", null, services.Now));
        Assert.Contains("Get-ArchiveRecording", missing.Message, StringComparison.Ordinal);
        Assert.Empty(services.Artwork.ForArtists([Artist]));
    }

    private static string ConfigPath(TestHome home) => Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");

    /// <summary>Adds the albums to the home's copy of the shipped config and returns the file as it was.</summary>
    private static string WithAlbums(TestHome home, string albums)
    {
        var original = File.ReadAllText(ConfigPath(home));
        File.WriteAllText(ConfigPath(home), original + albums);
        return original;
    }

    /// <summary>Every album's song as "title|year|cover|song key|album id|created", an album without songs with an empty key.</summary>
    private static List<string> AlbumRows(ArchiveServices services)
    {
        using var connection = services.Database.Open();
        return connection.Query<AlbumSongRow>(
            """
            SELECT al.album_title AS Title, al.release_year AS Year, al.cover_url AS Cover, sg.song_key AS SongKey, al.album_id AS AlbumId,
                   al.created_at AS CreatedAt
            FROM archivedotorg_studio_albums al LEFT JOIN archivedotorg_studio_album_song x ON x.album_id = al.album_id
                 LEFT JOIN catalog_song sg ON sg.song_id = x.song_id
            """).Select(r => $"{r.Title}|{r.Year}|{r.Cover}|{r.SongKey}|{r.AlbumId}|{r.CreatedAt:O}").Order(StringComparer.Ordinal).ToList();
    }

    private sealed class AlbumSongRow
    {
        public string Title { get; init; } = "";
        public int Year { get; init; }
        public string? Cover { get; init; }
        public string? SongKey { get; init; }
        public int AlbumId { get; init; }
        public DateTime CreatedAt { get; init; }
    }
}
