using System.Text.Json;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;
using Microsoft.Data.Sqlite;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>archive-import, the console host: what cron, CI and the README run.</summary>
public sealed class ShellTests
{
    private const string MainJob =
        "Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 20 | Invoke-ArchivePopulate | Format-Table; Get-ArchiveUnmatched -Artist 'Grateful Dead' -Top 10";

    [Fact]
    public async Task The_README_main_job_runs_and_renders_through_the_format_views()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var misspelt = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"))
            .Replace("Dark Star", "Dark Stat", StringComparison.Ordinal);
        archive.AddItem("gd73-06-10.misspelt", misspelt, "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress);

        var outcome = await ShellProcess.RunAsync(home.Path, "-Command", MainJob);

        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        Assert.Contains("Artist: Grateful Dead", outcome.Output);
        Assert.Matches(@"Identifier\s+Status\s+Date\s+Tracks\s+Unmatched", outcome.Output);
        Assert.Contains("gd73-06-10.sbd.hollister.174.sbeok.shnf", outcome.Output);
        Assert.Matches(@"Artist\s+TrackName\s+Occurrences\s+SuggestedMatch", outcome.Output);
        Assert.Matches(@"Grateful Dead\s+Dark Stat\s+\d+\s+Dark Star", outcome.Output);
        Assert.DoesNotContain("\u001b[", outcome.Output);
        Assert.True(File.Exists(home.SqlitePath));
    }

    [Fact]
    public async Task A_pipeline_that_writes_an_error_exits_1_and_says_what_failed()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);

        var outcome = await ShellProcess.RunAsync(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Nobody Band'");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Invoke-ArchiveDownload: There is no artist config for 'Nobody Band'", outcome.Errors);
    }

    [Fact]
    public async Task A_script_file_runs_and_a_terminating_error_exits_1()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var script = Path.Combine(home.Path, "check.ps1");
        File.WriteAllText(script, "param($Id)\nGet-ArchiveHealth -Check $Id -FailOnError\n");

        var passing = await ShellProcess.RunAsync(home.Path, "-File", script, "schema");
        Assert.True(passing.ExitCode == 0, passing.Errors);
        Assert.Contains("schema", passing.Output);

        var failing = await ShellProcess.RunAsync(home.Path, "-Command", "throw 'boom'");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("boom", failing.Errors);
    }

    [Fact]
    public async Task A_script_takes_named_parameters_and_switches_as_pwsh_does_and_its_exit_code_is_returned()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var script = Path.Combine(home.Path, "named.ps1");
        File.WriteAllText(script, "param([string] $Artist, [int] $Count = 1, [switch] $Loud)\n\"$Artist|$Count|$Loud\"\nexit 3\n");

        var outcome = await ShellProcess.RunAsync(home.Path, "-NoProfile", "-File", script, "-Artist", "Grateful Dead", "-Loud");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("Grateful Dead|1|True", outcome.Output);
    }

    [Fact]
    public async Task The_standard_cmdlets_the_runbook_pipes_into_are_there()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);

        var outcome = await ShellProcess.RunAsync(home.Path, "-NonInteractive", "-Command",
            "Get-ArchiveHealth | Sort-Object Id | Select-Object -First 2 Id, Status | ConvertTo-Json -Compress; " +
            "Get-ArchiveHealth -Check schema | Export-Csv -Path health.csv; (Get-Content health.csv).Count; Test-Path health.csv; " +
            "Write-Output done | Format-List");

        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        Assert.Contains("[{\"Id\":", outcome.Output);
        Assert.Contains("True", outcome.Output);
        Assert.Contains("done", outcome.Output);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(home.Path, "health.csv")).Length);
    }

    [Fact]
    public async Task Killing_the_process_mid_run_leaves_no_partial_file_or_show_and_the_next_run_completes_the_same()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"));
        for (var i = 0; i < 40; i++)
        {
            archive.AddItem($"gd73-06-10.copy{i:00}", body, "GratefulDead");
        }

        archive.Latency = TimeSpan.FromMilliseconds(60);
        const string Job = "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 2 | Invoke-ArchivePopulate";
        using var clean = TestHome.Create(archive.BaseAddress);
        using var killed = TestHome.Create(archive.BaseAddress);

        Assert.Equal(0, (await ShellProcess.RunAsync(clean.Path, "-Command", Job)).ExitCode);

        using (var victim = ShellProcess.Start(killed.Path, "-Command", Job))
        {
            victim.StandardInput.Close();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (PopulatedShows(killed) < 8 && DateTime.UtcNow < deadline && !victim.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.False(victim.HasExited, "the run finished before it could be killed; make it slower");
            victim.Kill(entireProcessTree: true); // SIGKILL: no cleanup code runs
            await victim.WaitForExitAsync();
        }

        foreach (var file in Directory.GetFiles(killed.MetadataDirectory, "*.json", SearchOption.AllDirectories))
        {
            using var parsed = JsonDocument.Parse(File.ReadAllBytes(file)); // no half-written show file
        }

        Assert.Equal(0, Scalar(killed, "SELECT COUNT(*) FROM catalog_show s WHERE s.track_count <> (SELECT COUNT(*) FROM catalog_track t WHERE t.show_id = s.show_id)"));
        // Populate is certainly running; the download may have finished already on a slow machine.
        var runningAtKill = Scalar(killed, "SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'running'");
        Assert.InRange(runningAtKill, 1, 2);

        var resumed = await ShellProcess.RunAsync(killed.Path, "-Command", Job);
        Assert.True(resumed.ExitCode == 0, resumed.Errors);

        Assert.Empty(Directory.GetFiles(killed.MetadataDirectory, "*.partial", SearchOption.AllDirectories));
        foreach (var sql in new[]
                 {
                     "SELECT COUNT(*) FROM catalog_show", "SELECT COUNT(*) FROM catalog_track", "SELECT COUNT(*) FROM catalog_track_song",
                     "SELECT COALESCE(SUM(occurrences), 0) FROM archivedotorg_unmatched_track", "SELECT tracks_matched FROM archivedotorg_artist_status",
                     "SELECT tracks_unmatched FROM archivedotorg_artist_status", "SELECT COUNT(*) FROM archivedotorg_show_metadata",
                 })
        {
            Assert.Equal(Scalar(clean, sql), Scalar(killed, sql));
        }

        Assert.Equal(runningAtKill, Scalar(killed, "SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'failed' AND error_message LIKE '%ended without finishing%'"));
    }

    private static long PopulatedShows(TestHome home) =>
        File.Exists(home.SqlitePath) ? Scalar(home, "SELECT COUNT(*) FROM catalog_show", quiet: true) : 0;

    private static long Scalar(TestHome home, string sql, bool quiet = false)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={home.SqlitePath};Mode=ReadOnly;Pooling=False;Default Timeout=10");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
        }
        catch (SqliteException) when (quiet)
        {
            return 0; // the schema may not exist yet
        }
    }
}
