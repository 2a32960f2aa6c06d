using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Microsoft.Data.Sqlite;

namespace ArchiveImport.Core.Tests.Faults;

/// <summary>
/// docs/SECURITY.md, SQLite busy: another connection holds a write transaction on the catalog for longer than the busy
/// timeout (sqliteBusyTimeoutSeconds: 1) in the middle of a download, and in the middle of a populate.
/// </summary>
public sealed class SqliteBusyTests
{
    private const string Artist = "Grateful Dead";
    private const int Shows = 30;

    [Fact]
    public async Task Another_writer_holding_the_catalog_past_the_busy_timeout_ends_the_run_with_what_holds_it_and_the_next_run_resumes()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, Shows);
        archive.Latency = TimeSpan.FromMilliseconds(30);
        using var home = TestHome.Create(archive.BaseAddress);
        File.AppendAllLines(home.SettingsFile, ["sqliteBusyTimeoutSeconds: 1"]);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var downloading = Task.Run(() => new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, CancellationToken.None));
        await ImportPipelineTests.WaitUntil(() => reporter.Downloads.Count >= 3);
        var holder = new SqliteConnection($"Data Source={home.SqlitePath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var end = await Record.ExceptionAsync(() => downloading.WaitAsync(TimeSpan.FromSeconds(60)));
        holder.Dispose(); // unpooled, so closing rolls the holder's transaction back

        var busy = $"another process kept the SQLite catalog {home.SqlitePath} locked for writing longer than the busy timeout (1 s, sqliteBusyTimeoutSeconds) " +
            "(SQLite Error 5: 'database is locked'); find what holds it open in a transaction (a database browser with unsaved changes, a script) and let it finish";
        var run = services.Runs.Find(new RunFilter()).Single();
        var failure = Assert.IsType<ImportRunFailedException>(end);
        Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead') ended failed (Run {run.Id} (download of 'Grateful Dead') ", failure.Message);
        Assert.Contains(busy, failure.Message);
        Assert.Contains($"but the catalog database refused to record that: {busy}. It shows as running until the next download", failure.Message);
        Assert.All(reporter.Errors, e => Assert.Contains(busy, e.Exception.Message));
        MariaDbFaultTests.AssertEveryRowHasItsWholeFile(services, home);

        var again = new RecordingReporter();
        var rerun = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), again, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, rerun.Status);
        Assert.Empty(again.Errors);
        Assert.Equal(identifiers, again.Downloads.Select(d => d.Identifier).Order());
        Assert.Equal(RunStatus.Failed, services.Runs.Get(run.Id)!.Status);
        Assert.Empty(services.Runs.Running());
        MariaDbFaultTests.AssertEveryRowHasItsWholeFile(services, home);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Another_writer_holding_the_catalog_mid_populate_ends_the_run_with_what_holds_it_and_the_next_populate_finishes_the_catalog()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, Shows);
        using var home = TestHome.Create(archive.BaseAddress);
        File.AppendAllLines(home.SettingsFile, ["sqliteBusyTimeoutSeconds: 1"]);
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);

        // The populate takes its shows one call at a time; after the fifth, another writer takes the catalog.
        using var holder = new SqliteConnection($"Data Source={home.SqlitePath};Pooling=False");
        var reporter = new RecordingReporter();
        var end = Record.Exception(() =>
        {
            using var job = new PopulateJob(services, reporter);
            foreach (var (identifier, index) in identifiers.Select((identifier, index) => (identifier, index)))
            {
                if (index == 5)
                {
                    holder.Open();
                    using var begin = holder.CreateCommand();
                    begin.CommandText = "BEGIN IMMEDIATE";
                    begin.ExecuteNonQuery();
                }

                job.Populate(Artist, [identifier], CancellationToken.None);
            }

            job.End();
        });
        holder.Dispose(); // unpooled, so closing rolls the holder's transaction back

        const string Busy = "locked for writing longer than the busy timeout (1 s, sqliteBusyTimeoutSeconds)";
        var run = services.Runs.Find(new RunFilter()).Where(r => r.Kind == ImportKind.Populate).OrderBy(r => r.Id).First();
        var said = string.Join("\n", reporter.Errors.Select(e => e.Exception.Message).Append(end?.Message ?? "").Append(run.ErrorMessage ?? ""));
        Assert.True(end is not null || reporter.Errors.Count > 0, "the populate neither failed nor reported an error");
        Assert.Contains(Busy, said);
        Assert.Contains(home.SqlitePath, said);
        Assert.NotEqual(RunStatus.Completed, run.Status);

        var repopulated = ImportPipelineTests.Populate(services, identifiers);
        Assert.All(repopulated, p => Assert.Contains(p.Status, new[] { PopulateStatus.Populated, PopulateStatus.Unchanged }));
        Assert.Equal(RunStatus.Failed, services.Runs.Get(run.Id)!.Status);
        Assert.Empty(services.Runs.Running());
        var recovered = ImportPipelineTests.Snapshot(services, withTimestamps: false);
        ImportPipelineTests.Populate(services, identifiers, force: true);
        Assert.Equal(ImportPipelineTests.Snapshot(services, withTimestamps: false), recovered);
        SqliteConnection.ClearAllPools();
    }
}
