using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;
using Microsoft.Data.Sqlite;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Tab completion, and stopping and locking across real processes.</summary>
public sealed class OperatorSurfaceTests
{
    [Fact]
    public async Task Artist_names_complete_from_the_configs_and_are_quoted()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        const string Line = "Invoke-ArchiveDownload -Artist gra";
        var completions = ps.Invoke($"(TabExpansion2 -inputScript '{Line}' -cursorColumn {Line.Length}).CompletionMatches.CompletionText")
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToList();

        Assert.Equal(["'Grateful Dead'"], completions);

        const string All = "Get-ArchiveUnmatched -Artist ";
        var all = ps.Invoke($"(TabExpansion2 -inputScript '{All}' -cursorColumn {All.Length}).CompletionMatches.CompletionText")
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        Assert.Equal(["'Grateful Dead'", "Lettuce", "'String Cheese Incident'", "'Yonder Mountain String Band'"], all.OrderBy(c => c.Trim('\''), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_second_process_for_the_same_artist_fails_at_once_naming_the_holder()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        // ~20 s of downloading: far longer than a second archive-import takes to start, even on a loaded machine.
        AddCopies(archive, 80);
        archive.Latency = TimeSpan.FromMilliseconds(250);
        using var home = TestHome.Create(archive.BaseAddress);
        Assert.Equal(0, (await ShellProcess.RunAsync(home.Path, "-Command", "Get-ArchiveHealth -Check schema")).ExitCode);

        using var first = ShellProcess.Start(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1");
        first.StandardInput.Close();
        await WaitForRunningRun(home);

        var second = await ShellProcess.RunAsync(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead'");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("A download of 'Grateful Dead' is already running: run 1 on host", second.Errors);
        Assert.Contains($"pid {first.Id}", second.Errors);
        await first.WaitForExitAsync();
        Assert.Equal(0, first.ExitCode);
    }

    [Fact]
    public async Task Stop_ArchiveImport_asks_a_running_process_to_stop_and_Force_ends_it()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        AddCopies(archive, 60);
        archive.Latency = TimeSpan.FromMilliseconds(100);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Get-ArchiveHealth -Check schema").ThrowIfFailed();

        using (var polite = ShellProcess.Start(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1"))
        {
            polite.StandardInput.Close();
            await WaitForRunningRun(home);
            var asked = ps.Invoke("Stop-ArchiveImport -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>().Single();
            Assert.True(asked.StopRequested);
            var output = polite.StandardOutput.ReadToEndAsync();
            var errors = polite.StandardError.ReadToEndAsync();
            await polite.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var run = ps.Invoke($"Get-ArchiveImportRun -Id {asked.Id}").ThrowIfFailed().Objects<ImportRun>().Single();
            Assert.Equal(RunStatus.Cancelled, run.Status);
            Assert.True(run.ShowsProcessed < 62);

            // cron must be able to tell a stopped run from a finished one: a warning, an error, and exit code 1.
            Assert.Equal(1, polite.ExitCode);
            var said = System.Text.RegularExpressions.Regex.Replace(await output + await errors, @"\s+", " ");
            Assert.Contains($"WARNING: Run {run.Id} (download of 'Grateful Dead') was cancelled after", said);
            Assert.Contains($"Run {run.Id} (download of 'Grateful Dead') was stopped by Stop-ArchiveImport after {run.ShowsProcessed} show(s) and did not finish.", said);
            Assert.Contains("run Invoke-ArchiveDownload -Artist 'Grateful Dead' again to resume", said);
        }

        using var stubborn = ShellProcess.Start(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1 -Force");
        stubborn.StandardInput.Close();
        await WaitForRunningRun(home);
        var forced = ps.Invoke("Get-ArchiveImportRun -Status running | Stop-ArchiveImport -Force").ThrowIfFailed().Objects<ImportRun>().Single();

        Assert.Equal(RunStatus.Cancelled, forced.Status);
        Assert.Contains("ended by Stop-ArchiveImport -Force", forced.ErrorMessage);
        await stubborn.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stubborn.HasExited);
        Assert.Empty(ps.Invoke("Get-ArchiveImportRun -Status running").Output);
    }

    private static void AddCopies(FakeArchiveOrg archive, int count)
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd70-10-23.aud.wolfson.15080.sbefail.shnf.json"));
        for (var i = 0; i < count; i++)
        {
            archive.AddItem($"gd70-10-23.copy{i:00}", body, "GratefulDead");
        }
    }

    private static async Task WaitForRunningRun(TestHome home)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var connection = new SqliteConnection($"Data Source={home.SqlitePath};Mode=ReadOnly;Pooling=False;Default Timeout=10");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'running' AND shows_total IS NOT NULL";
                if (Convert.ToInt64(command.ExecuteScalar()) > 0)
                {
                    return;
                }
            }
            catch (SqliteException)
            {
                // not created yet
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("no run started");
    }
}
