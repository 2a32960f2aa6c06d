using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;
using static ArchiveImport.Core.Tests.Browse.BrowseCatalog;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>
/// Get-ArchiveTrack -Song starts at the song's track segments and reads each track's segments in the same query: a
/// track holding the song twice still comes once, and the preferred recording is the one the concert names now.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class TrackSongQueryTests
{
    private readonly MariaDbFixture mariaDb;

    public TrackSongQueryTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_track_holding_the_song_twice_comes_once_with_its_segments_in_order(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);
        using (var connection = services.Database.Open())
        {
            // The soundboard's "Dark Star >" becomes "Dark Star > Dark Star >": its one segment again as the second.
            Assert.Equal(1, connection.Execute(
                """
                INSERT INTO catalog_track_song (track_id, song_order, artist_id, song_id, segment_text, normalized_text, match_method)
                SELECT ts.track_id, ts.song_order + 1, ts.artist_id, ts.song_id, 'Dark Star (reprise)', ts.normalized_text, 'Alias'
                FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id JOIN catalog_show s ON s.show_id = t.show_id
                WHERE s.identifier = @identifier AND t.title = 'Dark Star >'
                """,
                new { identifier = Soundboard }));
        }

        var track = Assert.Single(services.Browser.Tracks(new TrackQuery([Artist], Song: "Dark Star")));

        Assert.Equal((Soundboard, "Exact+Alias"), (track.Identifier, track.MatchMethod));
        Assert.Equal(["Dark Star", "Dark Star"], track.Songs.Select(s => s.Song));
        Assert.Equal(["Dark Star", "Dark Star (reprise)"], track.Songs.Select(s => s.Text));
        Assert.Equal([true, true], track.Songs.Select(s => s.Segue));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_operator_s_preferred_recording_gives_the_song_s_track(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);

        services.RecordingPreferences.Set(Matrix1973, prefer: true);

        var track = Assert.Single(services.Browser.Tracks(new TrackQuery([Artist], Song: "Dark Star")));
        Assert.Equal((Matrix1973, "1973-06-10"), (track.Identifier, track.Date));
        Assert.Equal(31, services.Browser.Tracks(new TrackQuery([Artist])).Count(t => t.Identifier == Matrix1973));
        Assert.DoesNotContain(services.Browser.Tracks(new TrackQuery([Artist])), t => t.Identifier == Soundboard);
    }
}
