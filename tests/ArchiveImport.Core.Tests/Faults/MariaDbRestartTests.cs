using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Faults;

/// <summary>
/// docs/SECURITY.md, the MariaDB server crashing (SIGKILL) mid-download and mid-populate, then started again on the same
/// data directory and port: each run ends failed with the cause (recorded, or said when the server could not record it),
/// the store holds whole shows only, the next runs resume, and the catalog ends equal to a clean run's. A private server,
/// so no other test sees it go down.
/// </summary>
public sealed class MariaDbRestartTests : IAsyncLifetime
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

        var populate = new RecordingReporter();
        var populating = Task.Run(() =>
        {
            using var job = new PopulateJob(services, populate);
            foreach (var identifier in identifiers)
            {
                job.Populate(Artist, [identifier], CancellationToken.None);
            }

            job.End();
        });
        await ImportPipelineTests.WaitUntil(() => populate.Results.Count >= 20);
        server.Crash();
        var populateEnd = await Record.ExceptionAsync(() => populating.WaitAsync(TimeSpan.FromSeconds(60)));
        await server.StartAgainAsync();

        AssertEndedFailedWithCause(services, ImportKind.Populate, populateEnd, populate);
        var repopulated = ImportPipelineTests.Populate(services, identifiers);
        Assert.All(repopulated, p => Assert.Contains(p.Status, new[] { PopulateStatus.Populated, PopulateStatus.Unchanged }));
        Assert.Empty(services.Runs.Running());
        Assert.Equal(expected, Catalog(services));
    }

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

    private static void AssertEveryRowHasItsWholeFile(ArchiveServices services, TestHome home)
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
