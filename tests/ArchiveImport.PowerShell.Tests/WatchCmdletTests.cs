using System.Management.Automation;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Watch-ArchiveImport and Get-ArchiveImportRun's rate and ETA, on a run started by another process.</summary>
public sealed class WatchCmdletTests
{
    [Fact]
    public async Task Watch_follows_a_run_of_another_process_with_progress_until_it_ends_and_returns_it()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "GratefulDead", "gd-watch", 30);
        archive.Latency = TimeSpan.FromMilliseconds(100);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Get-ArchiveMaintenance").ThrowIfFailed(); // creates the catalog before the child process starts

        using var download = ShellProcess.Start(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1 | Out-Null");
        download.StandardInput.Close();
        var running = await WaitForRunningRunAsync(ps);
        Assert.Equal("download", running.Type);

        var watched = ps.Invoke("Watch-ArchiveImport -Artist 'Grateful Dead' -IntervalSeconds 0.2").ThrowIfFailed();

        var run = watched.Objects<ImportRun>().Single();
        Assert.Equal(running.Id, run.Id);
        Assert.Equal(RunStatus.Completed, run.Status);
        var bars = watched.Progress.Where(p => p.Activity.Contains($"(run {run.Id},", StringComparison.Ordinal)).ToList();
        Assert.Contains(bars, p => p.PercentComplete is > 0 and < 100 && p.StatusDescription.Contains("shows/s", StringComparison.Ordinal));
        Assert.Contains($"download of Grateful Dead (run {run.Id}", bars[0].Activity);
        Assert.Equal(ProgressRecordType.Completed, bars[^1].RecordType);
        await download.WaitForExitAsync();
    }

    [Fact]
    public async Task With_nothing_running_watch_warns_and_returns_nothing_and_an_ended_run_named_by_id_comes_back_at_once()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var nothing = ps.Invoke("Watch-ArchiveImport").ThrowIfFailed();
        Assert.Empty(nothing.Output);
        Assert.Contains("nothing to watch", Assert.Single(nothing.Warnings));

        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead'").ThrowIfFailed();
        var ended = ps.Invoke("Get-ArchiveImportRun -Last 1 | Watch-ArchiveImport").ThrowIfFailed().Objects<ImportRun>().Single();
        Assert.Equal(RunStatus.Completed, ended.Status);
        Assert.Null(ended.EstimatedEnd);
        Assert.Equal(100, ended.PercentComplete);

        var since = ps.Invoke("Get-ArchiveImportRun -Since (Get-Date).AddMinutes(-5); Get-ArchiveImportRun -Since (Get-Date).AddMinutes(5)").ThrowIfFailed();
        Assert.Equal(ended.Id, since.Objects<ImportRun>().Single().Id);
    }

    private static async Task<ImportRun> WaitForRunningRunAsync(PowerShellSession ps)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (ps.Invoke("Get-ArchiveImportRun -Status running").Objects<ImportRun>().FirstOrDefault(r => r.ShowsTotal is not null) is { } run)
            {
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no run started");
    }
}
