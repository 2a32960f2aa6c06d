using System.Management.Automation;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Settings;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// Every way out of a pipeline (Select-Object -First, -ErrorAction Stop, Ctrl+C, Stop-ArchiveImport) leaves nothing
/// behind: by the time the pipeline returns, its runs have ended with what happened and their locks are free.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class PipelineExitTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public PipelineExitTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Select_First_on_a_download_cancels_its_run_and_a_second_download_runs_at_once(string engine)
    {
        await using var archive = await SlowArchiveAsync(copies: 30);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = Session(home, engine);

        var first = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1 | Select-Object -First 1").ThrowIfFailed();
        Assert.Single(first.Objects<DownloadResult>());

        var second = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -Limit 3").ThrowIfFailed();
        Assert.Equal(3, second.Objects<DownloadResult>().Count());

        var runs = Runs(ps);
        Assert.Equal(2, runs.Count);
        Assert.Equal(RunStatus.Cancelled, runs[0].Status);
        Assert.Contains("Select-Object -First", runs[0].ErrorMessage);
        Assert.InRange(runs[0].ShowsProcessed, 1, 31);
        Assert.Equal(RunStatus.Completed, runs[1].Status);
    }

    [Fact]
    public async Task Select_First_after_populate_cancels_both_streaming_runs_and_the_next_pipeline_runs()
    {
        await using var archive = await SlowArchiveAsync(copies: 30);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Session(home, "sqlite");

        var first = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1 | Invoke-ArchivePopulate | Select-Object -First 1").ThrowIfFailed();
        Assert.Single(first.Objects<PopulateResult>());

        var runs = Runs(ps);
        var download = runs.Single(r => r.Type == "download");
        var populate = runs.Single(r => r.Type == "populate");
        Assert.Equal(RunStatus.Cancelled, download.Status);
        Assert.Equal(RunStatus.Cancelled, populate.Status);
        Assert.Contains("Select-Object -First", populate.ErrorMessage);
        // Populate took the first show while the download still had most to do: it streams.
        Assert.True(download.ShowsProcessed < 32, $"download processed {download.ShowsProcessed} of 32");

        var again = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 4 | Invoke-ArchivePopulate").ThrowIfFailed();
        Assert.Equal(32, again.Objects<PopulateResult>().Count());
        Assert.All(Runs(ps).Skip(2), r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.Single(Runs(ps).Skip(2), r => r.Type == "populate"); // one run for the whole pipeline

        var only = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}' -Force | Select-Object -First 1").ThrowIfFailed();
        Assert.Single(only.Objects<PopulateResult>());
        Assert.Equal(RunStatus.Cancelled, Runs(ps)[^1].Status);
        ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}' -Limit 1").ThrowIfFailed();
        Assert.Equal(RunStatus.Completed, Runs(ps)[^1].Status);
    }

    [Fact]
    public async Task ErrorAction_Stop_on_a_failing_download_fails_the_run_with_its_cause_and_frees_the_lock()
    {
        await using var archive = await SlowArchiveAsync(copies: 30);
        archive.Inject("/metadata/gd70-10-23.copy03", new Fault.Status(404));
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Session(home, "sqlite");

        var stopped = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1 -ErrorAction Stop");

        Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
        var run = Runs(ps).Single();
        Assert.True(RunStatus.Failed == run.Status, $"{run.Status}: {run.ErrorMessage}; {stopped.Terminating}");
        Assert.Contains("gd70-10-23.copy03", run.ErrorMessage);
        Assert.DoesNotContain("without reporting an outcome", run.ErrorMessage);
        Assert.True(run.ShowsProcessed < 32, $"the run went on to show {run.ShowsProcessed}");

        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -Limit 2").ThrowIfFailed();
        Assert.Equal(RunStatus.Completed, Runs(ps)[^1].Status);
    }

    [Fact]
    public async Task ErrorAction_Stop_on_a_failing_populate_fails_the_run_with_its_cause_and_frees_the_lock()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Session(home, "sqlite");
        var downloads = ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}'").ThrowIfFailed().Objects<DownloadResult>().ToList();
        var broken = downloads.OrderBy(d => d.Identifier, StringComparer.Ordinal).First();
        File.WriteAllText(broken.Path!, "{\"metadata\": {\"identifier\"");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={home.SqlitePath};Pooling=False"))
        {
            // A show downloaded before the catalog kept bodies: its broken file is all there is.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM archivedotorg_show_metadata_content WHERE identifier = $identifier";
            command.Parameters.AddWithValue("$identifier", broken.Identifier);
            command.ExecuteNonQuery();
        }

        var stopped = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}' -ErrorAction Stop");

        Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
        var run = Runs(ps)[^1];
        Assert.Equal("populate", run.Type);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(broken.Identifier, run.ErrorMessage);

        var next = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}'");
        Assert.Equal("PopulateShowFailed", Assert.Single(next.Errors).FullyQualifiedErrorId.Split(',')[0]); // not ImportAlreadyRunning
        Assert.Single(next.Objects<PopulateResult>(), p => p.Status == PopulateStatus.Populated);
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_run_and_frees_the_lock_before_the_pipeline_returns()
    {
        await using var archive = await SlowArchiveAsync(copies: 60);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Session(home, "sqlite");
        ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed(); // creates the catalog
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));

        using (var running = ps.Start($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1"))
        {
            await WaitUntil(() => services.Runs.Running().Any(r => r.ShowsProcessed >= 2) || running.IsCompleted);
            Assert.False(running.IsCompleted, "the download ended before it could be stopped");
            running.Stop();
            Assert.IsType<PipelineStoppedException>(running.Wait().Terminating);
        }

        var run = Runs(ps).Single();
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("Stopped by the user.", run.ErrorMessage);
        Assert.True(run.ShowsProcessed < 62);
        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -Limit 1").ThrowIfFailed();
    }

    [Fact]
    public async Task Stop_ArchiveImport_ends_an_in_process_populate_as_cancelled_between_shows_with_a_warning()
    {
        await using var archive = await SlowArchiveAsync(copies: 60, latencyMs: 0);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Session(home, "sqlite");
        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 4").ThrowIfFailed();
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        archive.Latency = TimeSpan.FromMilliseconds(100);

        // Each show passes through a slow download first, so the populate is still going when it is asked to stop.
        using var running = ps.Start($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1 -Force | Invoke-ArchivePopulate");
        await WaitUntil(() => services.Runs.Running().Any(r => r.Type == "populate" && r.ShowsProcessed >= 1) || running.IsCompleted);
        var populate = services.Runs.Running().Single(r => r.Type == "populate");
        new Core.Operations.ImportStopper(services).Stop(populate, force: false, new NoReports());
        var outcome = running.Wait();

        Assert.Null(outcome.Terminating);
        var ended = services.Runs.Get(populate.Id)!;
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.Contains("Stop-ArchiveImport", ended.ErrorMessage);
        Assert.Contains(outcome.Warnings, w => w.Contains($"Run {populate.Id}", StringComparison.Ordinal) && w.Contains("cancelled", StringComparison.Ordinal));
        Assert.True(outcome.Objects<PopulateResult>().Count() < 62);
        Assert.Equal(RunStatus.Completed, Runs(ps).Last(r => r.Type == "download").Status); // the download it fed went on
    }

    private static async Task<FakeArchiveOrg> SlowArchiveAsync(int copies, int latencyMs = 100)
    {
        var archive = await FakeArchiveOrg.StartAsync();
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd70-10-23.aud.wolfson.15080.sbefail.shnf.json"));
        for (var i = 0; i < copies; i++)
        {
            archive.AddItem($"gd70-10-23.copy{i:00}", body, "GratefulDead");
        }

        archive.Latency = TimeSpan.FromMilliseconds(latencyMs);
        return archive;
    }

    private static PowerShellSession Session(TestHome home, string engine)
    {
        var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        return ps;
    }

    private static List<ImportRun> Runs(PowerShellSession ps) =>
        ps.Invoke($"Get-ArchiveImportRun -Artist '{Artist}'").ThrowIfFailed().Objects<ImportRun>().OrderBy(r => r.Id).ToList();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(25);
        }
    }

    private sealed class NoReports : IJobReporter
    {
        public void Result(object item)
        {
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
}
