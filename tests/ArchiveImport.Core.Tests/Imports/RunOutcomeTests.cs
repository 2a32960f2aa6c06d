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
    public async Task A_database_error_on_every_show_ends_the_run_failed_naming_the_run_the_show_and_what_to_do_and_frees_the_lock()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        AddCopies(archive, 4);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        using (var connection = services.Database.Open())
        {
            connection.Execute("CREATE TRIGGER refuse_show_metadata BEFORE INSERT ON archivedotorg_show_metadata BEGIN SELECT RAISE(ABORT, 'the disk is full (test trigger)'); END;");
        }

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, ThrottleLimit: 1), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(3, run.ShowsFailed);
        Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead') stopped after 3 shows in a row failed in the catalog database, the last ", run.ErrorMessage);
        Assert.Contains("the disk is full (test trigger)", run.ErrorMessage);
        Assert.EndsWith("then run Invoke-ArchiveDownload -Artist 'Grateful Dead' again to resume; shows already downloaded and unchanged are skipped.", run.ErrorMessage);
        Assert.Equal(["DownloadShowFailed", "DownloadShowFailed", "DownloadShowFailed", "DownloadRunFailed"], reporter.Errors.Select(e => e.Id));
        Assert.Equal(run.ErrorMessage, reporter.Errors[^1].Exception.Message);
        Assert.All(reporter.Errors.Take(3), e => Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead'), show ", e.Exception.Message));
        Assert.False(services.Locks.IsHeld(ImportKind.Download, run.ArtistId));
        Assert.DoesNotContain(services.Runs.Running(), r => r.Id == run.Id);
    }

    [Fact]
    public async Task A_scrape_cursor_that_cycles_ends_the_run_failed_with_that_cause()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.CursorCycle = 3;
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead') failed: archive.org's scrape cursor did not advance while listing 'GratefulDead': after 3 page(s)", run.ErrorMessage);
        Assert.Equal("DownloadRunFailed", Assert.Single(reporter.Errors).Id);
        Assert.Equal(3, archive.CountRequests("/services/search"));
        Assert.Equal(0, archive.CountRequests("/metadata/"));
    }

    [Fact]
    public async Task A_show_whose_body_can_never_parse_fails_at_once_and_the_run_goes_on()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-too-deep", "{\"metadata\":" + new string('[', 65) + new string(']', 65) + "}", "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(1, archive.CountRequests("/metadata/gd-too-deep"));
        var error = Assert.Single(reporter.Errors);
        Assert.Equal("gd-too-deep", error.Target);
        Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead'), show gd-too-deep: archive.org's answer for item 'gd-too-deep' (/metadata/gd-too-deep) arrived complete but is not JSON that can be read: ", error.Exception.Message);
        Assert.Contains("depth", error.Exception.Message);
    }

    private static void AddCopies(FakeArchiveOrg archive, int count)
    {
        for (var i = 0; i < count; i++)
        {
            archive.AddItem($"gd-copy-{i:00}", File.ReadAllText(ImportPipelineTests.Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json")), "GratefulDead");
        }
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
