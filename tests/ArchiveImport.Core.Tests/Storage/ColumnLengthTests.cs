using System.Text.Json.Nodes;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Schema;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>
/// Values longer than their columns: SQLite would keep them and MySQL refuse them, so config values are rejected by
/// validation and archive.org's free text is clipped before either engine sees it, the same way on both.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ColumnLengthTests
{
    private const string LongShow = "gd73-06-10.long-values";
    private static readonly string LongStamp = "2099-01-01 00:00:00 " + new string('z', 80); // 100 characters, the newest stamp
    private static readonly string LongTitle = "Grateful Dead Live " + new string('t', 1_981); // 2,000
    private static readonly string LongVenue = "Robert F. Kennedy Stadium " + new string('v', 1_974); // 2,000
    private static readonly string LongTrackTitle = "Morning Dew " + string.Concat(Enumerable.Repeat("and on ", 284)); // 2,000

    private readonly MariaDbFixture mariaDb;

    public ColumnLengthTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_600_character_song_name_is_rejected_by_config_validation_naming_the_field(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var config = Path.Combine(home.ArtistConfigDirectory, "long-names.yaml");
        File.WriteAllText(config, $"""
            name: Long Names
            collection: LongNames
            tracks:
              - key: long-song
                name: {new string('x', 600)}
            """);
        var services = Engines.Services(home);

        var error = Assert.Throws<ArtistConfigException>(() => services.RequireArtist("Long Names"));

        Assert.Equal((config, 5), (error.FilePath, error.Line));
        Assert.Contains("the 'name' of track 'long-song' is 600 characters long", error.Message, StringComparison.Ordinal);
        Assert.Contains("the catalog stores at most 500 (catalog_song.song_name)", error.Message, StringComparison.Ordinal);
        using var connection = services.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_song"));
        if (engine == "mariadb")
        {
            // The columns the limits guard are the ones the migration made from the same constants.
            var lengths = connection.Query<(string Table, string Column, long Length)>(
                """
                SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME IN ('song_name', 'song_key', 'source_updated', 'venue', 'identifier')
                """).ToDictionary(c => $"{c.Table}.{c.Column}", c => c.Length);
            Assert.Equal(ColumnLengths.Song.Name, lengths["catalog_song.song_name"]);
            Assert.Equal(ColumnLengths.Song.Key, lengths["catalog_song.song_key"]);
            Assert.Equal(ColumnLengths.ShowMetadata.SourceUpdated, lengths["archivedotorg_show_metadata.source_updated"]);
            Assert.Equal(ColumnLengths.Show.Venue, lengths["catalog_show.venue"]);
            Assert.Equal(ColumnLengths.Identifier, lengths["catalog_show.identifier"]);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Long_stamp_title_venue_and_track_title_import_clipped_the_same_on_both_engines(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem(LongShow, LongValuesBody(), "GratefulDead");
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest("Grateful Dead"), reporter, CancellationToken.None);
        Assert.Empty(reporter.Errors);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(DownloadStatus.Downloaded, reporter.Downloads.Single(d => d.Identifier == LongShow).Status);
        var populated = ImportPipelineTests.Populate(services, [LongShow]).Single();
        Assert.Equal(PopulateStatus.Populated, populated.Status);

        using var connection = services.Database.Open();
        Assert.Equal(ColumnText.Clip(LongStamp, 64), connection.ExecuteScalar<string>(
            "SELECT source_updated FROM archivedotorg_show_metadata WHERE identifier = @LongShow", new { LongShow }));
        var show = connection.QuerySingle<(string Title, string Venue)>("SELECT title, venue FROM catalog_show WHERE identifier = @LongShow", new { LongShow });
        Assert.Equal((ColumnText.Clip(LongTitle, 1_000), ColumnText.Clip(LongVenue, 500)), show);
        Assert.Equal(1_000, show.Title.Length);
        Assert.EndsWith("t\u2026", show.Title, StringComparison.Ordinal);
        var track = connection.QuerySingle<(string Title, string Segment, string Normalized)>(
            """
            SELECT t.title, ts.segment_text, ts.normalized_text FROM catalog_track t
            JOIN catalog_show s ON s.show_id = t.show_id JOIN catalog_track_song ts ON ts.track_id = t.track_id
            WHERE s.identifier = @LongShow AND t.position = 1
            """, new { LongShow });
        Assert.Equal(ColumnText.Clip(LongTrackTitle, 1_000), track.Title);
        Assert.Equal(ColumnText.Clip(LongTrackTitle, 500), track.Segment);
        Assert.Equal(255, track.Normalized.Length);
        Assert.StartsWith("morning dew and on", track.Normalized, StringComparison.Ordinal);
        Assert.Equal(track.Normalized, connection.ExecuteScalar<string>(
            "SELECT normalized_name FROM archivedotorg_unmatched_track WHERE normalized_name = @Normalized", new { track.Normalized }));

        // The clipped stamp never equals the next scrape's, so the show is checked again: by hash, and found unchanged.
        var again = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest("Grateful Dead"), again, CancellationToken.None);
        Assert.Equal(DownloadStatus.Unchanged, again.Downloads.Single(d => d.Identifier == LongShow).Status);
    }

    /// <summary>The recorded 1973-06-10 show with a 100-character updatedate, and a title, venue and first track title of 2,000 characters.</summary>
    private static string LongValuesBody()
    {
        var item = JsonNode.Parse(File.ReadAllText(ImportPipelineTests.Fixture("gd73-06-10.sbd.hollister.174.sbeok.shnf.json")))!;
        var metadata = item["metadata"]!;
        metadata["identifier"] = LongShow;
        metadata["updatedate"] = LongStamp;
        metadata["title"] = LongTitle;
        metadata["venue"] = LongVenue;
        var first = item["files"]!.AsArray()
            .Where(file => file!["format"]?.GetValue<string>() == "Shorten" && file["name"]!.GetValue<string>().EndsWith("d1t01.shn", StringComparison.Ordinal))
            .Single()!;
        first["title"] = LongTrackTitle;
        return item.ToJsonString();
    }
}
