using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Dapper;
using MySqlConnector;

namespace ArchiveImport.Core.Tests.Faults;

/// <summary>
/// docs/SECURITY.md, the MariaDB server misbehaving, each test on a private server so no other test sees it: crashing
/// (SIGKILL) mid-download and mid-populate, then started again on the same data directory and port; and another
/// connection holding a show's row lock past <c>innodb_lock_wait_timeout</c>.
/// </summary>
public sealed class MariaDbFaultTests : IAsyncLifetime
{
    private const string Artist = "Grateful Dead";
    private const int Shows = 120;
    private MariaDbServer server = null!;

    public async Task InitializeAsync() => server = await MariaDbServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_server_crash_mid_download_and_mid_populate_ends_each_run_failed_and_the_next_runs_finish_the_catalog_a_clean_run_makes()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, Shows);
        using var clean = TestHome.Create(archive.BaseAddress, await server.CreateDatabaseAsync());
        var cleanServices = Engines.Services(clean);
        await new DownloadJob(cleanServices).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        ImportPipelineTests.Populate(cleanServices, identifiers);
        var expected = Catalog(cleanServices);

        using var home = TestHome.Create(archive.BaseAddress, await server.CreateDatabaseAsync());
        var services = Engines.Services(home);
        archive.Latency = TimeSpan.FromMilliseconds(20);
        // One show's first answer hangs past the HTTP timeout, so the download is still running when the server dies.
        archive.Inject($"/metadata/{identifiers[^1]}", new Fault.Hang());

        var download = new RecordingReporter();
        var downloading = Task.Run(() => new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 2), download, CancellationToken.None));
        await ImportPipelineTests.WaitUntil(() => download.Downloads.Count >= 20);
        server.Crash();
        var downloadEnd = await Record.ExceptionAsync(() => downloading.WaitAsync(TimeSpan.FromSeconds(60)));
        await server.StartAgainAsync();
        archive.Latency = TimeSpan.Zero;

        AssertEndedFailedWithCause(services, ImportKind.Download, downloadEnd, download);
        Assert.InRange(download.Downloads.Count(d => d.Status == DownloadStatus.Downloaded), 20, Shows - 1);
        AssertEveryRowHasItsWholeFile(services, home);

        var rerun = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, rerun.Status);
        AssertEveryRowHasItsWholeFile(services, home);

        // The populate waits for the crash after its 20th show, so it cannot finish first however loaded the machine is.
        var populate = new RecordingReporter();
        var halfway = new TaskCompletionSource();
        var crashed = new TaskCompletionSource();
        var populating = Task.Run(() =>
        {
            using var job = new PopulateJob(services, populate);
            foreach (var (identifier, index) in identifiers.Select((identifier, index) => (identifier, index)))
            {
                if (index == 20)
                {
                    halfway.SetResult();
                    crashed.Task.Wait();
                }

                job.Populate(Artist, [identifier], CancellationToken.None);
            }

            job.End();
        });
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(120));
        server.Crash();
        crashed.SetResult();
        var populateEnd = await Record.ExceptionAsync(() => populating.WaitAsync(TimeSpan.FromSeconds(60)));
        await server.StartAgainAsync();

        AssertEndedFailedWithCause(services, ImportKind.Populate, populateEnd, populate);
        var repopulated = ImportPipelineTests.Populate(services, identifiers);
        Assert.All(repopulated, p => Assert.Contains(p.Status, new[] { PopulateStatus.Populated, PopulateStatus.Unchanged }));
        Assert.Empty(services.Runs.Running());
        Assert.Equal(expected, Catalog(services));
    }

    [Fact]
    public async Task An_import_lock_held_longer_than_the_servers_wait_timeout_stays_held_until_released()
    {
        var database = await server.CreateDatabaseAsync();
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"), database);
        var services = Engines.Services(home);
        await using (var admin = new MySqlConnection(database))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("SET GLOBAL wait_timeout = 1"); // for connections opened from now on
        }

        MySqlConnection.ClearAllPools();
        var held = services.Locks.TryAcquire(ImportKind.Download, 7);
        Assert.NotNull(held);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a run busy downloading: its lock connection sends nothing

        Assert.True(services.Locks.IsHeld(ImportKind.Download, 7));
        Assert.Null(services.Locks.TryAcquire(ImportKind.Download, 7));
        held.Dispose();
        using var next = services.Locks.TryAcquire(ImportKind.Download, 7);
        Assert.NotNull(next);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_show_whose_row_another_connection_holds_past_the_lock_wait_timeout_is_retried_then_reported_by_name(bool releasedAfterTheFirstTimeout)
    {
        const string Locked = "gd-fault.002";
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, 5);
        var database = await server.CreateDatabaseAsync();
        using var home = TestHome.Create(archive.BaseAddress, database);
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        await using var holder = new MySqlConnection(database);
        await holder.OpenAsync();
        await holder.ExecuteAsync("SET GLOBAL innodb_lock_wait_timeout = 1"); // for connections opened from now on
        MySqlConnection.ClearAllPools();
        var holding = await holder.BeginTransactionAsync();
        await holder.ExecuteScalarAsync<string>(
            "SELECT identifier FROM archivedotorg_show_metadata WHERE identifier = @Locked FOR UPDATE", new { Locked }, holding);

        var reporter = new RecordingReporter();
        var downloading = new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Force: true, ThrottleLimit: 1), reporter, CancellationToken.None);
        if (releasedAfterTheFirstTimeout)
        {
            await ImportPipelineTests.WaitUntil(() => RetryNotices(reporter, Locked).Count > 0);
            await holding.RollbackAsync();
        }

        var run = await downloading;
        await holding.DisposeAsync();

        var notices = RetryNotices(reporter, Locked);
        Assert.All(notices, n => Assert.Contains("the catalog database rolled the show's write back (Lock wait timeout exceeded; try restarting transaction); retry ", n));
        var locked = reporter.Downloads.Single(d => d.Identifier == Locked);
        if (releasedAfterTheFirstTimeout)
        {
            Assert.Single(notices);
            Assert.Empty(reporter.Errors);
            Assert.Equal(DownloadStatus.Downloaded, locked.Status);
            Assert.Null(run.ErrorMessage);
        }
        else
        {
            Assert.Equal(2, notices.Count);
            Assert.Equal(DownloadStatus.Failed, locked.Status);
            var error = Assert.Single(reporter.Errors);
            Assert.Equal(Locked, error.Target);
            Assert.Equal(
                $"Run {run.Id} (download of 'Grateful Dead'), show {Locked}: the catalog database failed: Lock wait timeout exceeded; try restarting transaction. " +
                "The show was not recorded; check the database, then run Invoke-ArchiveDownload -Artist 'Grateful Dead' again to resume; shows already downloaded and unchanged are skipped.",
                error.Exception.Message);
            Assert.Equal("1 of 5 shows failed; run Invoke-ArchiveDownload again to retry them.", run.ErrorMessage);
        }

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(4, reporter.Downloads.Count(d => d.Identifier != Locked && d.Status == DownloadStatus.Downloaded));
        AssertEveryRowHasItsWholeFile(services, home);
    }

    private static List<string> RetryNotices(RecordingReporter reporter, string show) =>
        reporter.MessagesSoFar.Where(m => m.Contains($", show {show}: the catalog database rolled", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The run is failed with the cause in its row, or (the server gone before it could record that) the error thrown
    /// says so and the next run marks it; either way every report names the run, and the failure what to do.
    /// </summary>
    private static void AssertEndedFailedWithCause(ArchiveServices services, ImportKind kind, Exception? end, RecordingReporter reporter)
    {
        var run = services.Runs.Find(new RunFilter(Artists: [Artist])).Where(r => r.Kind == kind).OrderBy(r => r.Id).First();
        var failure = end?.Message ?? run.ErrorMessage;
        Assert.True(run.Status is RunStatus.Failed or RunStatus.Running, $"run {run.Id} is {run.Status}: {run.ErrorMessage}");
        if (end is null)
        {
            Assert.Equal(RunStatus.Failed, run.Status);
        }
        else
        {
            Assert.IsType<ImportRunFailedException>(end);
            Assert.Contains("but the catalog database refused to record that", end.Message);
        }

        Assert.StartsWith($"Run {run.Id} ({ImportRunRepository.TypeName(kind)} of 'Grateful Dead')", failure);
        Assert.Contains("again to resume", failure);
        Assert.True(end is not null || reporter.Errors.Count > 0, "the failure was neither thrown nor reported");
        Assert.All(reporter.Errors, e => Assert.StartsWith($"Run {run.Id} (", e.Exception.Message));
    }

    internal static void AssertEveryRowHasItsWholeFile(ArchiveServices services, TestHome home)
    {
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        foreach (var row in services.ShowMetadata.ForArtist(services.Artists.Find(Artist)!.Value))
        {
            Assert.Equal(row.ContentHash, ContentHash.Compute(File.ReadAllBytes(Path.Combine(folder, row.Identifier + ".json"))));
        }

        Assert.Empty(Directory.GetFiles(home.MetadataDirectory, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    /// <summary>Every show with its tracks and what each matched, by natural keys.</summary>
    private static List<string> Catalog(ArchiveServices services)
    {
        using var connection = services.Database.Open();
        return connection.Query<string>(
            """
            SELECT CONCAT(s.identifier, '|', COUNT(t.track_id), '|', COALESCE(SUM(t.duration_seconds), 0))
            FROM catalog_show s LEFT JOIN catalog_track t ON t.show_id = s.show_id
            GROUP BY s.identifier ORDER BY s.identifier
            """).Concat(connection.Query<string>(
            "SELECT CONCAT(track_name, '|', occurrences) FROM archivedotorg_unmatched_track ORDER BY track_name")).Concat(connection.Query<string>(
            "SELECT CONCAT(t.position, '|', s.identifier, '|', ts.normalized_text) FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id " +
            "JOIN catalog_show s ON s.show_id = t.show_id ORDER BY s.identifier, t.position, ts.normalized_text")).ToList();
    }
}
