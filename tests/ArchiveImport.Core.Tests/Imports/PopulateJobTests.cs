using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>The populate job: shows fed in batches as they arrive, one run per artist, ended with what happened.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class PopulateJobTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public PopulateJobTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Shows_fed_one_at_a_time_go_into_one_run_that_End_completes(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(4);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        foreach (var identifier in identifiers)
        {
            job.Populate(Artist, [identifier], CancellationToken.None);
            Assert.Single(services.Runs.Running()); // the run stays open between batches
        }

        var run = Assert.Single(job.End());
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(identifiers.Count, run.ShowsProcessed);
        Assert.Equal(identifiers.Order(), reporter.Results.OfType<PopulateResult>().Select(r => r.Identifier).Order());
        Assert.All(reporter.Results.OfType<PopulateResult>(), r => Assert.Equal(run.Id, r.RunId));
        Assert.Empty(services.Runs.Running());
        Assert.False(services.Locks.IsHeld(ImportKind.Populate, run.ArtistId));
        Assert.Empty(job.End()); // ending again changes nothing
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Daily_metrics_count_only_the_shows_actually_written_not_the_unchanged_or_skipped(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(3);
        archive.AddItem("gd-empty", "{}", "GratefulDead"); // not importable: recorded by the download, skipped by populate
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        await DownloadAsync(services); // nothing changed on archive.org: nothing downloaded again

        var everything = identifiers.Append("gd-empty").ToList();
        for (var run = 0; run < 2; run++)
        {
            // The second populate finds every show unchanged and writes none.
            using var job = new PopulateJob(services, new RecordingReporter());
            job.Populate(Artist, everything, CancellationToken.None);
            Assert.Equal(RunStatus.Completed, Assert.Single(job.End()).Status);
        }

        using var connection = services.Database.Open();
        var metrics = connection.QuerySingle<(int Downloaded, int Populated, int Tracks, int Errors)>(
            "SELECT shows_downloaded, shows_populated, tracks_processed, errors FROM archivedotorg_daily_metrics");
        var tracks = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_track");
        Assert.Equal((identifiers.Count, identifiers.Count, tracks, 0), metrics);
    }

    [Fact]
    public async Task Shows_prepared_ahead_are_reported_in_order_and_a_file_spoiled_since_download_fails_only_its_own_show()
    {
        await using var archive = await ArchiveWithCopiesAsync(12);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        const string Spoiled = "gd70-10-23.copy02", Missing = "gd70-10-23.copy04";
        File.WriteAllText(services.MetadataFiles.PathFor(Artist, Spoiled), "<html>not JSON</html>");
        File.Delete(services.MetadataFiles.PathFor(Artist, Missing));
        using (var catalog = services.Database.Open())
        {
            // Without the catalog's copies, populate has nothing to repair the files from.
            catalog.Execute("DELETE FROM archivedotorg_show_metadata_content WHERE identifier IN @shows", new { shows = new[] { Spoiled, Missing } });
        }

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        job.Populate(Artist, identifiers, CancellationToken.None);
        var run = Assert.Single(job.End());

        var results = reporter.Results.OfType<PopulateResult>().ToList();
        Assert.Equal(identifiers, results.Select(r => r.Identifier)); // streamed in the order given
        Assert.Equal(
            identifiers.Select(i => i is Spoiled or Missing ? PopulateStatus.Failed : PopulateStatus.Populated),
            results.Select(r => r.Status));
        Assert.Equal([(Spoiled, ProblemKind.InvalidData), (Missing, ProblemKind.NotFound)], reporter.Errors.Select(e => ((string)e.Target!, e.Kind)));
        Assert.Equal((identifiers.Count, 2), (run.ShowsProcessed, run.ShowsFailed));
        using var connection = services.Database.Open();
        Assert.Equal(identifiers.Count - 2, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_show"));
    }

    [Fact]
    public async Task Declined_shows_start_no_run_and_count_towards_the_limit()
    {
        await using var archive = await ArchiveWithCopiesAsync(4);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        await DownloadAsync(services);
        var asked = new List<string>();

        var reporter = new RecordingReporter();
        using (var preview = new PopulateJob(services, reporter, new PopulateOptions(Limit: 3), (target, _) => { asked.Add(target); return false; }))
        {
            preview.Populate(Artist, null, CancellationToken.None);
            Assert.Empty(preview.End());
        }

        Assert.Equal(3, asked.Count);
        Assert.All(asked, a => Assert.EndsWith($"({Artist})", a));
        Assert.Empty(reporter.Results);
        Assert.DoesNotContain(services.Runs.Find(new RunFilter()), r => r.Kind == ImportKind.Populate);

        using var limited = new PopulateJob(services, reporter, new PopulateOptions(Limit: 2));
        limited.Populate(Artist, null, CancellationToken.None);
        limited.Populate(Artist, null, CancellationToken.None); // the limit holds across batches
        Assert.Equal(2, Assert.Single(limited.End()).ShowsProcessed);
    }

    [Fact]
    public async Task A_stop_request_ends_the_run_cancelled_at_the_next_show_with_a_warning_and_later_batches_are_passed_over()
    {
        await using var archive = await ArchiveWithCopiesAsync(6);
        using var home = TestHome.Create(archive.BaseAddress);
        var clock = new SteppingClock();
        var services = Engines.Services(home, clock);
        var identifiers = await DownloadAsync(services);

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        job.Populate(Artist, identifiers.Take(2).ToList(), CancellationToken.None);
        var running = services.Runs.Running().Single();
        new Operations.ImportStopper(services).Stop(running, force: false, new RecordingReporter());
        clock.Step(TimeSpan.FromSeconds(2)); // past the heartbeat interval, so the request is read at the next show

        job.Populate(Artist, identifiers.Skip(2).ToList(), CancellationToken.None);
        job.Populate(Artist, identifiers.Skip(2).ToList(), CancellationToken.None);

        var run = services.Runs.Get(running.Id)!;
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("Stopped by Stop-ArchiveImport.", run.ErrorMessage);
        Assert.Equal(2, run.ShowsProcessed);
        Assert.Equal(2, reporter.Results.Count);
        Assert.Contains(reporter.Messages, m => m.StartsWith($"WARNING: Run {run.Id} ", StringComparison.Ordinal) && m.Contains("cancelled", StringComparison.Ordinal));
        var stopped = Assert.Single(reporter.Errors); // an error too, so a scheduler's exit code tells a stop from success
        Assert.Equal(("RunCancelled", ProblemKind.Stopped, (object?)Artist), (stopped.Id, stopped.Kind, stopped.Target));
        Assert.Equal(
            $"Run {run.Id} (populate of 'Grateful Dead') was stopped by Stop-ArchiveImport after 2 show(s) and did not finish. " +
            "To finish it, run Invoke-ArchivePopulate -Artist 'Grateful Dead' again to resume; shows already populated are skipped.",
            stopped.Exception.Message);
        Assert.Empty(job.End());
        Assert.False(services.Locks.IsHeld(ImportKind.Populate, run.ArtistId));
    }

    [Fact]
    public async Task A_database_error_on_one_show_names_the_run_the_show_and_what_to_do_and_the_run_goes_on()
    {
        await using var archive = await ArchiveWithCopiesAsync(3);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        const string Refused = "gd70-10-23.copy01";
        using (var connection = services.Database.Open())
        {
            connection.Execute($"CREATE TRIGGER refuse_show BEFORE INSERT ON catalog_show WHEN NEW.identifier = '{Refused}' BEGIN SELECT RAISE(ABORT, 'database or disk is full (test trigger)'); END;");
        }

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        job.Populate(Artist, identifiers, CancellationToken.None);
        var run = Assert.Single(job.End());

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(1, run.ShowsFailed);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal("PopulateShowFailed", error.Id);
        Assert.Equal(ProblemKind.WriteError, error.Kind);
        Assert.Equal(Refused, error.Target);
        Assert.Equal(
            $"Run {run.Id} (populate of 'Grateful Dead'), show {Refused}: the catalog database failed: SQLite Error 19: 'database or disk is full (test trigger)'. " +
            "The show was not recorded; check the database, then run Invoke-ArchivePopulate -Artist 'Grateful Dead' again to resume; shows already populated are skipped.",
            error.Exception.Message);
        var results = reporter.Results.OfType<PopulateResult>().ToList();
        Assert.Equal(PopulateStatus.Failed, results.Single(r => r.Identifier == Refused).Status);
        Assert.All(results.Where(r => r.Identifier != Refused), r => Assert.Equal(PopulateStatus.Populated, r.Status));
    }

    [Fact]
    public async Task A_database_error_on_every_show_ends_the_run_failed_after_three_in_a_row_and_frees_the_lock()
    {
        await using var archive = await ArchiveWithCopiesAsync(6);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        using (var connection = services.Database.Open())
        {
            connection.Execute("CREATE TRIGGER refuse_show BEFORE INSERT ON catalog_show BEGIN SELECT RAISE(ABORT, 'catalog_show is read-only today (test trigger)'); END;");
        }

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        job.Populate(Artist, identifiers, CancellationToken.None);

        var run = services.Runs.Find(new RunFilter()).Single(r => r.Kind == ImportKind.Populate);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(3, run.ShowsProcessed);
        Assert.Equal(3, run.ShowsFailed);
        Assert.Equal(["PopulateShowFailed", "PopulateShowFailed", "PopulateShowFailed", "PopulateRunFailed"], reporter.Errors.Select(e => e.Id));
        var failure = reporter.Errors[^1].Exception;
        Assert.Equal(
            $"Run {run.Id} (populate of 'Grateful Dead') stopped after 3 shows in a row failed in the catalog database, the last {identifiers[2]}: " +
            "SQLite Error 19: 'catalog_show is read-only today (test trigger)'. Check the database (a full disk, a read-only file, a restarted or " +
            "unreachable server), then run Invoke-ArchivePopulate -Artist 'Grateful Dead' again to resume; shows already populated are skipped.",
            failure.Message);
        Assert.Equal(failure.Message, run.ErrorMessage);
        Assert.False(services.Locks.IsHeld(ImportKind.Populate, run.ArtistId));
        Assert.Empty(job.End());
    }

    [Fact]
    public async Task A_MariaDB_connection_killed_mid_show_fails_that_show_with_its_context_and_the_run_goes_on()
    {
        await using var archive = await ArchiveWithCopiesAsync(3);
        using var home = await Engines.HomeAsync("mariadb", mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        const string Killed = "gd70-10-23.copy01";
        using (var connection = services.Database.Open())
        {
            connection.Execute($"CREATE TRIGGER slow_show BEFORE INSERT ON catalog_show FOR EACH ROW BEGIN IF NEW.identifier = '{Killed}' THEN DO SLEEP(60); END IF; END");
        }

        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter);
        var populating = Task.Run(() => job.Populate(Artist, identifiers, CancellationToken.None));
        using (var admin = services.Database.Open())
        {
            // What a server restart does to a statement in flight: its connection goes away under it.
            long? victim = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (victim is null && DateTime.UtcNow < deadline)
            {
                victim = admin.QueryFirstOrDefault<long?>("SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND DB = DATABASE() AND STATE = 'User sleep' AND INFO = 'DO SLEEP(60)'");
                await Task.Delay(50);
            }

            Assert.NotNull(victim);
            admin.Execute($"KILL CONNECTION {victim}");
        }

        await populating.WaitAsync(TimeSpan.FromSeconds(60));
        var run = Assert.Single(job.End());

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(1, run.ShowsFailed);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal("PopulateShowFailed", error.Id);
        Assert.StartsWith($"Run {run.Id} (populate of 'Grateful Dead'), show {Killed}: the catalog database failed: ", error.Exception.Message);
        Assert.EndsWith("then run Invoke-ArchivePopulate -Artist 'Grateful Dead' again to resume; shows already populated are skipped.", error.Exception.Message);
        Assert.Equal(identifiers.Count - 1, reporter.Results.OfType<PopulateResult>().Count(r => r.Status == PopulateStatus.Populated));
    }

    [Fact]
    public async Task Cancelled_between_shows_the_job_stops_and_End_or_Dispose_ends_the_run_as_told()
    {
        await using var archive = await ArchiveWithCopiesAsync(4);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);

        using var cancellation = new CancellationTokenSource();
        var reporter = new CancellingReporter(cancellation);
        var job = new PopulateJob(services, reporter);
        Assert.Throws<OperationCanceledException>(() => job.Populate(Artist, identifiers, cancellation.Token));
        Assert.Single(reporter.Results); // cancelled while reporting the first show: the second never started

        var run = Assert.Single(job.End(StopReason.Failed("the host gave up: disk full")));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("the host gave up: disk full", run.ErrorMessage);
        Assert.False(services.Locks.IsHeld(ImportKind.Populate, run.ArtistId));

        // Let go without End: the run still ends, as cancelled, not as a run that never reported.
        var abandoned = new PopulateJob(services, new RecordingReporter());
        abandoned.Populate(Artist, identifiers.Take(1).ToList(), CancellationToken.None);
        abandoned.Dispose();
        var last = services.Runs.Find(new RunFilter()).MaxBy(r => r.Id)!;
        Assert.Equal(RunStatus.Cancelled, last.Status);
        Assert.Contains("abandoned", last.ErrorMessage);
    }

    [Fact]
    public async Task A_held_lock_is_reported_once_and_the_artist_is_then_passed_over()
    {
        await using var archive = await ArchiveWithCopiesAsync(2);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);

        using var holder = new PopulateJob(services, new RecordingReporter());
        holder.Populate(Artist, identifiers.Take(1).ToList(), CancellationToken.None);
        var reporter = new RecordingReporter();
        using var refused = new PopulateJob(Engines.Services(home), reporter);

        Assert.Throws<ImportLockedException>(() => refused.Populate(Artist, identifiers, CancellationToken.None));
        refused.Populate(Artist, identifiers, CancellationToken.None);
        Assert.Empty(reporter.Results);
        Assert.Empty(refused.End());
        Assert.Equal(RunStatus.Completed, Assert.Single(holder.End()).Status);
    }

    private static async Task<FakeArchiveOrg> ArchiveWithCopiesAsync(int copies)
    {
        var archive = await FakeArchiveOrg.StartAsync();
        var body = File.ReadAllText(ImportPipelineTests.Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json"));
        for (var i = 0; i < copies; i++)
        {
            archive.AddItem($"gd70-10-23.copy{i:00}", body, "GratefulDead");
        }

        return archive;
    }

    private static async Task<List<string>> DownloadAsync(ArchiveServices services)
    {
        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        return reporter.Downloads.Where(d => d.Status == DownloadStatus.Downloaded).Select(d => d.Identifier).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Cancels as soon as the first show is reported, as a host does when its pipeline is done.</summary>
    private sealed class CancellingReporter(CancellationTokenSource cancellation) : IJobReporter
    {
        public List<object> Results { get; } = [];

        public void Result(object item)
        {
            Results.Add(item);
            cancellation.Cancel();
        }

        public void Error(Exception exception, string errorId, ProblemKind kind, object? target)
        {
        }

        public void Progress(JobProgress progress)
        {
        }

        public void ProgressCompleted(string activity)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }

    /// <summary>The real time, moved forward on demand.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private TimeSpan offset;

        public void Step(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
