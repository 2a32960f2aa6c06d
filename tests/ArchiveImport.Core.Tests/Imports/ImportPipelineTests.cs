using System.Data.Common;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>Download → populate against the fake archive.org, on SQLite and on a real MariaDB.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ImportPipelineTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public ImportPipelineTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Download_then_populate_fills_the_catalog_and_the_runbook_queries_answer(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Empty(reporter.Errors);
        var downloads = reporter.Downloads.OrderBy(d => d.Identifier).ToList();
        Assert.Equal(["gd70-10-23.aud.wolfson.15080.sbefail.shnf", "gd73-06-10.sbd.hollister.174.sbeok.shnf"], downloads.Select(d => d.Identifier));
        Assert.All(downloads, d => Assert.Equal(DownloadStatus.Downloaded, d.Status));
        Assert.All(downloads, d => Assert.True(File.Exists(d.Path)));
        Assert.All(downloads, d => Assert.StartsWith(Path.Combine(home.MetadataDirectory, Artist) + Path.DirectorySeparatorChar, d.Path));
        Assert.Equal(2, run.ShowsProcessed);

        var populated = Populate(services, downloads.Select(d => d.Identifier));
        Assert.All(populated, p => Assert.Equal(PopulateStatus.Populated, p.Status));
        var gd73 = populated.Single(p => p.Identifier.StartsWith("gd73", StringComparison.Ordinal));
        Assert.Equal("1973-06-10", gd73.Date);
        Assert.Equal(31, gd73.Tracks);
        Assert.Equal(gd73.Tracks, gd73.Matched + gd73.Unmatched + gd73.Ignored);

        using var connection = services.Database.Open();
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_show"));
        Assert.Equal(populated.Sum(p => p.Tracks), connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_track"));
        var status = connection.QuerySingle<(int Matched, int Unmatched, decimal Rate)>(
            "SELECT tracks_matched, tracks_unmatched, match_rate FROM archivedotorg_artist_status");
        Assert.Equal(populated.Sum(p => p.Matched), status.Matched);
        Assert.Equal(populated.Sum(p => p.Unmatched), status.Unmatched);
        Assert.Equal(Math.Round(100m * status.Matched / (status.Matched + status.Unmatched), 2), status.Rate);
        Assert.True(status.Rate > 80, $"match rate {status.Rate}");

        if (engine == "mariadb")
        {
            RunbookQueriesAnswer(connection, status.Matched, status.Unmatched, status.Rate);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Running_everything_twice_changes_nothing(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        Populate(services, services.ShowMetadata.ForArtist(services.Artists.Find(Artist)!.Value).Select(r => r.Identifier));
        var before = Snapshot(services);
        var files = Directory.GetFiles(home.MetadataDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var metadataRequests = archive.CountRequests("/metadata/");

        var again = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), again, CancellationToken.None);
        var repopulated = Populate(services, again.Downloads.Select(d => d.Identifier));

        Assert.All(again.Downloads, d => Assert.Equal(DownloadStatus.Unchanged, d.Status));
        Assert.Equal(metadataRequests, archive.CountRequests("/metadata/")); // unchanged per the search API: not fetched again
        Assert.All(repopulated, p => Assert.Equal(PopulateStatus.Unchanged, p.Status));
        Assert.Equal(before, Snapshot(services));
        Assert.Equal(files, Directory.GetFiles(home.MetadataDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        // -Force re-fetches and re-writes, and still lands on the same catalog.
        var forced = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Force: true), forced, CancellationToken.None);
        Assert.All(forced.Downloads, d => Assert.Equal(DownloadStatus.Downloaded, d.Status));
        Populate(services, forced.Downloads.Select(d => d.Identifier), force: true);
        Assert.Equal(Snapshot(services, withTimestamps: false), before[..before.IndexOf("\n--timestamps", StringComparison.Ordinal)]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_storm_of_429_and_503_is_ridden_out(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/services/search", new Fault.Status(503), times: 2);
        archive.Inject("/metadata/", new Fault.Status(429, TimeSpan.FromSeconds(1)), times: 1);
        archive.Inject("/metadata/", new Fault.Status(503), times: 2);
        archive.Inject("/metadata/", new Fault.Truncated(), times: 1);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var started = DateTime.UtcNow;
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Empty(reporter.Errors);
        Assert.All(reporter.Downloads, d => Assert.Equal(DownloadStatus.Downloaded, d.Status));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Contains(archive.Requests, r => r.StatusCode == 429);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Empty_dark_and_invalid_items_are_reported_and_the_run_goes_on(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-empty", "{}", "GratefulDead");
        archive.AddItem("gd-dark", """{"is_dark":true,"metadata":{"identifier":"gd-dark"}}""", "GratefulDead");
        archive.AddItem("gd-broken", "<html>Service Unavailable</html>", "GratefulDead");
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        var byId = reporter.Downloads.ToDictionary(d => d.Identifier);
        Assert.Equal(DownloadStatus.NotImportable, byId["gd-empty"].Status);
        Assert.Equal(DownloadStatus.NotImportable, byId["gd-dark"].Status);
        Assert.Contains("dark", byId["gd-dark"].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DownloadStatus.Failed, byId["gd-broken"].Status);
        Assert.Single(reporter.Errors);
        Assert.Equal(DownloadStatus.Downloaded, byId["gd73-06-10.sbd.hollister.174.sbeok.shnf"].Status);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(1, run.ShowsFailed);
        Assert.Contains("1 of 5 shows failed", run.ErrorMessage);
        Assert.False(File.Exists(Path.Combine(home.MetadataDirectory, Artist, "gd-broken.json")));
        Assert.False(File.Exists(Path.Combine(home.MetadataDirectory, Artist, "gd-empty.json")));

        var populated = Populate(services, ["gd-empty", "gd73-06-10.sbd.hollister.174.sbeok.shnf"]);
        Assert.Equal(PopulateStatus.Skipped, populated[0].Status);
        Assert.Equal(PopulateStatus.Populated, populated[1].Status);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("nul\0byte")]
    [InlineData("..")]
    [InlineData("/abs")]
    public async Task Path_tricks_in_identifiers_never_write_outside_the_metadata_folder(string identifier)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Identifiers: [identifier]), reporter, CancellationToken.None);

        var result = Assert.Single(reporter.Downloads);
        Assert.Equal(DownloadStatus.Failed, result.Status);
        Assert.Equal(ProblemKind.InvalidArgument, Assert.Single(reporter.Errors).Kind);
        Assert.Equal(0, archive.CountRequests("/metadata/"));
        var written = Directory.Exists(home.MetadataDirectory) ? home.DataJsonFiles() : [];
        Assert.Empty(written);
    }

    [Fact]
    public async Task An_artist_name_with_path_tricks_stays_inside_the_metadata_folder()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        File.WriteAllText(Path.Combine(home.ArtistConfigDirectory, "evil.yaml"), "name: \"../../Evil/..\"\ncollection: GratefulDead\ntracks:\n  - key: dark-star\n    name: Dark Star\n");
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest("../../Evil/.."), reporter, CancellationToken.None);

        Assert.All(reporter.Downloads, d => Assert.Equal(DownloadStatus.Downloaded, d.Status));
        var files = home.DataJsonFiles();
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.StartsWith(home.MetadataDirectory + Path.DirectorySeparatorChar, Path.GetFullPath(f)));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Two_runs_for_one_artist_exactly_one_runs_and_the_other_names_the_holder(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Latency = TimeSpan.FromMilliseconds(300);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var first = Engines.Services(home);
        var second = Engines.Services(home);

        var running = new DownloadJob(first).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), new RecordingReporter(), CancellationToken.None);
        await WaitUntil(() => first.Runs.Running().Count == 1);
        var refused = await Assert.ThrowsAsync<ImportLockedException>(
            () => new DownloadJob(second).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None));
        var holder = first.Runs.Running().Single();
        Assert.Contains($"run {holder.Id}", refused.Message);
        Assert.Contains($"pid {Environment.ProcessId}", refused.Message);
        Assert.Contains(Environment.MachineName, refused.Message);

        Assert.Equal(RunStatus.Completed, (await running).Status);
        // A populate of the same artist is a different lock and may run beside a download.
        using var populate = new PopulateJob(second, new RecordingReporter());
        populate.Populate(Artist, null, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, Assert.Single(populate.End()).Status);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_stop_request_ends_the_run_as_cancelled_at_the_next_show(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            archive.AddItem($"gd-extra-{i:00}", File.ReadAllText(Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json")), "GratefulDead");
        }

        archive.Latency = TimeSpan.FromMilliseconds(150);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var running = new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, CancellationToken.None);
        await WaitUntil(() => reporter.Downloads.Count >= 2);
        var stopped = new Operations.ImportStopper(services).Stop(services.Runs.Running().Single(), force: false, new RecordingReporter());
        Assert.True(stopped.StopRequested);

        var run = await running;
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.InRange(run.ShowsProcessed, 2, 31);
        Assert.Contains("Stop-ArchiveImport", run.ErrorMessage);
    }

    [Fact]
    public async Task A_MariaDB_connection_killed_mid_download_is_replaced_and_every_show_is_still_downloaded()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            archive.AddItem($"gd-extra-{i:00}", File.ReadAllText(Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json")), "GratefulDead");
        }

        archive.Latency = TimeSpan.FromMilliseconds(150);
        using var home = await Engines.HomeAsync("mariadb", mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var running = new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, CancellationToken.None);
        await WaitUntil(() => reporter.Downloads.Count >= 2);
        using (var admin = services.Database.Open())
        {
            // What a server restart does to the run's connections, all but the one holding the run's lock.
            var lockHolder = admin.ExecuteScalar<long?>(
                "SELECT IS_USED_LOCK(LEFT(CONCAT(@name, '.', DATABASE()), 64))", new { name = $"archiveimport.download.{services.Artists.Find(Artist)}" });
            Assert.NotNull(lockHolder);
            var victims = admin.Query<long>(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND DB = DATABASE() AND ID <> @lockHolder",
                new { lockHolder }).AsList();
            Assert.NotEmpty(victims);
            foreach (var victim in victims)
            {
                admin.Execute($"KILL CONNECTION {victim}");
            }
        }

        var run = await running;
        Assert.True(reporter.Errors.Count == 0, string.Join("\n", reporter.Errors.Select(e => e.Exception.ToString())));
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(0, run.ShowsFailed);
        Assert.All(reporter.Downloads, d => Assert.NotEqual(DownloadStatus.Failed, d.Status));
        Assert.Equal(reporter.Downloads.Count, services.ShowMetadata.ForArtist(run.ArtistId).Count);
    }

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", name);

    internal static List<PopulateResult> Populate(ArchiveServices services, IEnumerable<string> identifiers, bool force = false)
    {
        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter, new PopulateOptions(Force: force));
        job.Populate(Artist, identifiers.ToList(), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, Assert.Single(job.End()).Status);
        return reporter.Results.OfType<PopulateResult>().ToList();
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(25);
        }
    }

    /// <summary>Every catalog row that a rerun must leave alone (timestamps of bookkeeping tables excluded).</summary>
    internal static string Snapshot(ArchiveServices services, bool withTimestamps = true)
    {
        using var connection = services.Database.Open();
        var parts = new List<string>
        {
            "SELECT identifier, show_date, venue, audio_format, track_count, metadata_hash, matcher_version FROM catalog_show ORDER BY identifier",
            """
            SELECT s.identifier, t.position, t.disc, t.track_number, t.title, t.duration_seconds, t.file_name, t.segue
            FROM catalog_track t JOIN catalog_show s ON s.show_id = t.show_id ORDER BY s.identifier, t.position
            """,
            """
            SELECT s.identifier, t.position, ts.song_order, g.song_key, ts.segment_text, ts.normalized_text, ts.match_method
            FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id JOIN catalog_show s ON s.show_id = t.show_id
            LEFT JOIN catalog_song g ON g.song_id = ts.song_id ORDER BY s.identifier, t.position, ts.song_order
            """,
            "SELECT song_key, song_name FROM catalog_song ORDER BY song_key",
            "SELECT normalized_name, track_name, occurrences, suggested_match, resolved FROM archivedotorg_unmatched_track ORDER BY normalized_name",
            "SELECT shows_downloaded, shows_populated, tracks_total, tracks_matched, tracks_unmatched, match_rate FROM archivedotorg_artist_status",
            "SELECT identifier, content_hash, bytes, file_path FROM archivedotorg_show_metadata ORDER BY identifier",
        };
        if (withTimestamps)
        {
            parts.Add("SELECT '--timestamps'");
            parts.Add("SELECT identifier, populated_at FROM catalog_show ORDER BY identifier");
            parts.Add("SELECT normalized_name, first_seen, last_seen FROM archivedotorg_unmatched_track ORDER BY normalized_name");
            parts.Add("SELECT identifier, downloaded_at FROM archivedotorg_show_metadata ORDER BY identifier");
        }

        return string.Join("\n", parts.Select(sql => string.Join("\n", connection.Query(sql).Select(row =>
            string.Join("|", ((IDictionary<string, object?>)row).Values.Select(v => v is DateTime d ? d.ToString("O") : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))))));
    }

    private static void RunbookQueriesAnswer(DbConnection connection, int matched, int unmatched, decimal rate)
    {
        var imports = connection.QuerySingle(
            """
            SELECT COUNT(*) as total_imports, SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) as completed,
              SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) as failed,
              ROUND(100.0 * SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) / COUNT(*), 2) as success_rate
            FROM archivedotorg_import_run WHERE started_at >= NOW() - INTERVAL 7 DAY;
            """);
        Assert.Equal(2L, Convert.ToInt64(imports.total_imports));
        Assert.Equal(2m, Convert.ToDecimal(imports.completed));
        Assert.Equal(0m, Convert.ToDecimal(imports.failed));
        Assert.Equal(100m, Convert.ToDecimal(imports.success_rate));

        var artist = connection.QuerySingle(
            """
            SELECT a.artist_name, s.tracks_matched, s.tracks_unmatched, s.match_rate FROM archivedotorg_artist_status s
            JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY s.match_rate ASC LIMIT 10;
            """);
        Assert.Equal(Artist, (string)artist.artist_name);
        Assert.Equal(matched, (int)artist.tracks_matched);
        Assert.Equal(unmatched, (int)artist.tracks_unmatched);
        Assert.Equal(rate, (decimal)artist.match_rate);

        var top = connection.Query(
            """
            SELECT track_name, occurrences, suggested_match FROM archivedotorg_unmatched_track WHERE resolved = 0
            ORDER BY occurrences DESC LIMIT 20;
            """).ToList();
        Assert.Equal(unmatched == 0 ? 0 : Math.Min(20, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM archivedotorg_unmatched_track WHERE resolved = 0")), top.Count);
        Assert.Equal(top.Select(t => (int)t.occurrences).OrderByDescending(o => o), top.Select(t => (int)t.occurrences));
    }
}
