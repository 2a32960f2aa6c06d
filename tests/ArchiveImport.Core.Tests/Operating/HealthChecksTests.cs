using System.Diagnostics;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>The checks of issue 8's list that read runs, processes and disks, each driven to its verdicts with real data.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class HealthChecksTests
{
    private const string Artist = "Grateful Dead";
    private static readonly RunCounts Counts = new(1, 0, 10);
    private readonly MariaDbFixture mariaDb;

    public HealthChecksTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Success_rate_counts_the_runs_that_ended_in_7_days_and_leaves_cancelled_runs_out(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        var now = services.Now;

        var none = Check(services, "import-success-rate");
        Assert.Equal(HealthStatus.Pass, none.Status);
        Assert.Contains("No import completed or failed", none.Message, StringComparison.Ordinal);

        for (var i = 0; i < 18; i++)
        {
            Ended(services, artistId, RunStatus.Completed, now.AddDays(-6).AddHours(i), now.AddDays(-6).AddHours(i).AddMinutes(5));
        }

        // Started before the window, ended inside it: it counts. Ended before the window: it does not.
        Ended(services, artistId, RunStatus.Completed, now.AddDays(-8), now.AddDays(-6.5));
        Ended(services, artistId, RunStatus.Failed, now.AddDays(-9), now.AddDays(-8));
        Ended(services, artistId, RunStatus.Failed, now.AddHours(-30), now.AddHours(-29));
        for (var i = 0; i < 5; i++)
        {
            Ended(services, artistId, RunStatus.Cancelled, now.AddHours(-10 - i), now.AddHours(-10 - i).AddMinutes(1));
        }

        var atTheLimit = Check(services, "import-success-rate");
        Assert.Equal(HealthStatus.Pass, atTheLimit.Status);
        Assert.Equal("95", atTheLimit.Value);
        Assert.Equal("95", atTheLimit.Threshold);
        Assert.Contains("(19 completed, 1 failed)", atTheLimit.Message, StringComparison.Ordinal);

        Ended(services, artistId, RunStatus.Failed, now.AddHours(-2), now.AddHours(-1));
        var below = Check(services, "import-success-rate");
        Assert.Equal(HealthStatus.Fail, below.Status);
        Assert.Equal("90.48", below.Value);
        Assert.Contains("Get-ArchiveImportRun -Status failed", below.Message, StringComparison.Ordinal);

        // The same gathered runs answer failed-imports-24h: the failure an hour ago is in it, the one 30 hours ago is not.
        var failed24h = Check(services, "failed-imports-24h");
        Assert.Equal(HealthStatus.Fail, failed24h.Status);
        Assert.Equal("1", failed24h.Value);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Scheduled_import_warns_past_its_interval_fails_past_twice_it_and_says_when_nothing_ever_ran(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        var now = services.Now;

        var never = Check(services, "scheduled-import");
        Assert.Equal(HealthStatus.Warning, never.Status);
        Assert.Contains("No import has ever run", never.Message, StringComparison.Ordinal);

        // Older than the 7 days the checks share: read on its own.
        Ended(services, artistId, RunStatus.Completed, now.AddDays(-10), now.AddDays(-10).AddMinutes(5));
        var stopped = Check(services, "scheduled-import");
        Assert.Equal(HealthStatus.Fail, stopped.Status);
        Assert.Equal("240", stopped.Value);
        Assert.Equal("24", stopped.Threshold);
        Assert.Contains("more than twice the expected interval", stopped.Message, StringComparison.Ordinal);

        Ended(services, artistId, RunStatus.Failed, now.AddHours(-30), now.AddHours(-29));
        Assert.Equal(HealthStatus.Warning, Check(services, "scheduled-import").Status);

        // A run still going counts by its start.
        services.Runs.Start(artistId, ImportKind.Populate, now.AddHours(-3));
        var recent = Check(services, "scheduled-import");
        Assert.Equal(HealthStatus.Pass, recent.Status);
        Assert.Equal("3", recent.Value);

        File.AppendAllLines(home.SettingsFile, ["health:", "  scheduledImportIntervalHours: 2"]);
        Assert.Equal(HealthStatus.Warning, Check(Engines.Services(home), "scheduled-import").Status);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Database_disk_gives_the_catalogs_size_and_holds_the_free_space_to_its_minimum(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);

        var size = services.Database.MeasureSize();
        Assert.True(size.Bytes > 0);
        if (engine == "sqlite")
        {
            Assert.True(size.Bytes >= new FileInfo(home.SqlitePath).Length);
            Assert.Equal(home.SqlitePath, size.Location);
        }
        else
        {
            Assert.StartsWith("schema ", size.Location, StringComparison.Ordinal);
        }

        // The private MariaDB server runs on this machine, so its data folder's disk can be asked too.
        var freeMegabytes = Assert.IsType<long>(size.FreeBytes) / (1024 * 1024);
        var plenty = Check(services, "database-disk");
        Assert.Equal(HealthStatus.Pass, plenty.Status);
        Assert.Contains(size.Location, plenty.Message, StringComparison.Ordinal);

        var tight = WithHealth(home, $"minFreeDiskMegabytes: {freeMegabytes * 3 / 5}");
        Assert.Equal(HealthStatus.Warning, Check(tight, "database-disk").Status);

        var full = Check(WithHealth(home, $"minFreeDiskMegabytes: {freeMegabytes * 100}"), "database-disk");
        Assert.Equal(HealthStatus.Fail, full.Status);
        Assert.Contains("Free space on that disk", full.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Import_processes_follow_a_real_child_process_its_memory_its_end_and_a_reused_pid(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);

        var idle = Check(services, "import-processes");
        Assert.Equal(HealthStatus.Pass, idle.Status);
        Assert.Contains("No import is running on this host", idle.Message, StringComparison.Ordinal);

        using var child = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            // The run is the child's: it started before the run, and the run's lock is held (here, by the test).
            using var held = services.Locks.TryAcquire(ImportKind.Download, artistId)!;
            var runId = services.Runs.Start(artistId, ImportKind.Download, services.Now);
            Update(services, "UPDATE archivedotorg_import_run SET pid = @pid WHERE run_id = @runId", new { pid = child.Id, runId });

            var alive = Check(services, "import-processes");
            Assert.Equal(HealthStatus.Pass, alive.Status);
            Assert.Equal($"run {runId}", alive.Target);
            Assert.Contains($"pid {child.Id}): alive, working set", alive.Message, StringComparison.Ordinal);
            Assert.Equal("1024", alive.Threshold);

            var big = Check(WithHealth(home, "maxImportMemoryMegabytes: 0"), "import-processes");
            Assert.Equal(HealthStatus.Warning, big.Status);
            Assert.Contains($"Watch-ArchiveImport -Id {runId}", big.Message, StringComparison.Ordinal);

            // Another host's run is listed, not judged.
            Update(services, "UPDATE archivedotorg_import_run SET host = 'elsewhere.example' WHERE run_id = @runId", new { runId });
            var remote = Check(services, "import-processes");
            Assert.Equal(HealthStatus.Pass, remote.Status);
            Assert.Contains($"cannot be checked from here: run {runId} on elsewhere.example", remote.Message, StringComparison.Ordinal);
            Update(services, "UPDATE archivedotorg_import_run SET host = @host WHERE run_id = @runId", new { host = Environment.MachineName, runId });

            // The pid now names a process that started an hour after the run did: not the run's process.
            Update(services, "UPDATE archivedotorg_import_run SET started_at = @earlier WHERE run_id = @runId", new { earlier = services.Now.AddHours(-1), runId });
            var reused = Check(services, "import-processes");
            Assert.Equal(HealthStatus.Fail, reused.Status);
            Assert.Contains("its process is gone", reused.Message, StringComparison.Ordinal);
            Update(services, "UPDATE archivedotorg_import_run SET started_at = @now WHERE run_id = @runId", new { now = services.Now, runId });
            Assert.Equal(HealthStatus.Pass, Check(services, "import-processes").Status);

            child.Kill();
            await child.WaitForExitAsync();
            var gone = Check(services, "import-processes");
            Assert.Equal(HealthStatus.Fail, gone.Status);
            Assert.Contains($"Stop-ArchiveImport -Id {runId}", gone.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    [Fact]
    public void A_process_alive_without_its_runs_lock_is_a_failure()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        var runId = services.Runs.Start(artistId, ImportKind.Populate, services.Now);

        var result = Check(services, "import-processes");

        Assert.Equal(HealthStatus.Fail, result.Status);
        Assert.Contains($"Run {runId} (populate of {Artist}, pid {Environment.ProcessId}): the process lives but no longer holds the run's lock", result.Message, StringComparison.Ordinal);
    }

    private static HealthCheckResult Check(ArchiveServices services, string id) => Assert.Single(new HealthService(services).Run(c => c == id), r => r.Id == id);

    private static ArchiveServices WithHealth(TestHome home, string setting)
    {
        var key = "  " + setting[..(setting.IndexOf(':', StringComparison.Ordinal) + 1)];
        var lines = File.ReadAllLines(home.SettingsFile).Where(line => !line.StartsWith(key, StringComparison.Ordinal)).ToList();
        var health = lines.IndexOf("health:");
        if (health < 0)
        {
            lines.Add("health:");
            health = lines.Count - 1;
        }

        lines.Insert(health + 1, "  " + setting);
        File.WriteAllLines(home.SettingsFile, lines);
        return Engines.Services(home);
    }

    private static void Ended(ArchiveServices services, int artistId, string status, DateTime started, DateTime finished)
    {
        var runId = services.Runs.Start(artistId, ImportKind.Download, started);
        services.Runs.Finish(runId, status, Counts, status == RunStatus.Failed ? "archive.org answered 503" : null, finished);
    }

    private static void Update(ArchiveServices services, string sql, object parameters)
    {
        using var connection = services.Database.Open();
        connection.Execute(sql, parameters);
    }
}
