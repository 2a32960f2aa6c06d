using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Faults;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Logging;

/// <summary>What a real run writes to the log: its start and end, every retry, every failed show with its cause, every lock conflict.</summary>
public sealed class RunLogTests
{
    private const string Artist = "Grateful Dead";

    [Fact]
    public async Task A_download_against_a_faulty_archive_logs_its_start_retries_failed_show_and_end_and_health_sees_the_errors()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, 3);
        archive.Inject("/metadata/gd-fault.000", new Fault.Status(503), times: 1);
        archive.Inject("/metadata/gd-fault.001", new Fault.Status(503), times: 10);
        using var home = TestHome.Create(archive.BaseAddress, maxRetries: 2);
        var services = Engines.Services(home);
        Assert.Equal(HealthStatus.Pass, LogErrors(services).Status);

        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);

        var entries = new ArchiveLogReader(services.Settings.LogDirectory).Read(new ArchiveLogQuery { RunId = run.Id }).ToList();
        Assert.All(entries, e => Assert.Equal((run.Id, Artist), (e.RunId, e.Artist)));
        Assert.Equal(("Information", $"Run {run.Id} started: download of {Artist} on {Environment.MachineName}."), (entries[0].Level, entries[0].Message));
        Assert.Equal("Information", entries[^1].Level);
        Assert.Matches($@"^Run {run.Id} ended completed after \d+\.\d s: 3 shows \(1 failed\), 0 tracks\. 1 of 3 shows failed; ", entries[^1].Message);
        var retries = entries.Where(e => e.Message.StartsWith("Retry: ", StringComparison.Ordinal)).ToList();
        Assert.All(retries, r => Assert.Equal("Warning", r.Level));
        Assert.Single(retries, r => r.Message.Contains("gd-fault.000", StringComparison.Ordinal) && r.Message.Contains("503", StringComparison.Ordinal));
        Assert.Equal(2, retries.Count(r => r.Message.Contains("gd-fault.001", StringComparison.Ordinal)));
        var failed = Assert.Single(entries, e => e.Level == "Error");
        Assert.Equal("gd-fault.001", failed.Identifier);
        Assert.StartsWith($"Show failed: Run {run.Id} (download of '{Artist}'), show gd-fault.001: ", failed.Message, StringComparison.Ordinal);
        Assert.NotNull(failed.Exception);
        Assert.Equal(3, identifiers.Count);

        var health = LogErrors(services);
        Assert.Equal((HealthStatus.Fail, "1"), (health.Status, health.Value));
        Assert.Contains("gd-fault.001", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_conflict_and_a_maintenance_refusal_are_logged_with_the_artist_and_the_holder()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);

        using (var holder = RunScope.Begin(services, Artist, artistId, ImportKind.Populate))
        {
            var refused = Assert.Throws<ImportLockedException>(() => RunScope.Begin(Engines.Services(home), Artist, artistId, ImportKind.Populate));
            var conflict = Assert.Single(Read(services), e => e.Message.StartsWith("Lock conflict: ", StringComparison.Ordinal));
            Assert.Equal(("Warning", Artist, (long?)null), (conflict.Level, conflict.Artist, conflict.RunId));
            Assert.Equal("Lock conflict: " + refused.Message, conflict.Message);
            holder.Finish(RunStatus.Completed, null);
        }

        new MaintenanceMode(services).Enable("testing the log");
        var paused = Assert.Throws<MaintenanceModeException>(() => RunScope.Begin(services, Artist, artistId, ImportKind.Download));
        var refusal = Assert.Single(Read(services), e => e.Message.StartsWith("Refused: ", StringComparison.Ordinal));
        Assert.Equal(("Warning", Artist), (refusal.Level, refusal.Artist));
        Assert.Equal("Refused: " + paused.Message, refusal.Message);
    }

    private static List<ArchiveLogEntry> Read(ArchiveServices services) =>
        new ArchiveLogReader(services.Settings.LogDirectory).Read(new ArchiveLogQuery()).ToList();

    private static HealthCheckResult LogErrors(ArchiveServices services) =>
        Assert.Single(new HealthService(services).Run(id => id == "log-errors"));
}
