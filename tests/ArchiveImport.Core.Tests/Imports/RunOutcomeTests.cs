using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>A download run ends with the outcome that actually happened and its real cause, whatever stops it.</summary>
public sealed class RunOutcomeTests
{
    private const string Artist = "Grateful Dead";

    [Fact]
    public async Task A_database_error_mid_run_ends_the_run_failed_with_that_error_and_frees_the_lock()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        using (var connection = services.Database.Open())
        {
            connection.Execute("CREATE TRIGGER refuse_show_metadata BEFORE INSERT ON archivedotorg_show_metadata BEGIN SELECT RAISE(ABORT, 'the disk is full (test trigger)'); END;");
        }

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("the disk is full (test trigger)", run.ErrorMessage);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal("DownloadRunFailed", error.Id);
        Assert.Contains("the disk is full", error.Exception.Message);
        Assert.False(services.Locks.IsHeld(ImportKind.Download, run.ArtistId));
        Assert.DoesNotContain(services.Runs.Running(), r => r.Id == run.Id);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("failed")]
    public async Task A_run_stopped_by_its_host_ends_as_the_host_says_why(string status)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            archive.AddItem($"gd-extra-{i:00}", File.ReadAllText(ImportPipelineTests.Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json")), "GratefulDead");
        }

        archive.Latency = TimeSpan.FromMilliseconds(100);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        using var cancellation = new JobCancellation();
        var reporter = new RecordingReporter();

        var running = new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, cancellation);
        await ImportPipelineTests.WaitUntil(() => reporter.Downloads.Count >= 2);
        cancellation.Cancel(new StopReason(status, $"{status} for a reason the host knows"));
        var run = await running;

        Assert.Equal(status, run.Status);
        Assert.Equal($"{status} for a reason the host knows", run.ErrorMessage);
        Assert.InRange(run.ShowsProcessed, 2, 31);
        Assert.False(services.Locks.IsHeld(ImportKind.Download, run.ArtistId));
        Assert.Equal(status == RunStatus.Cancelled, reporter.Messages.Any(m => m.StartsWith("WARNING: ", StringComparison.Ordinal) && m.Contains("was cancelled", StringComparison.Ordinal)));
    }
}
