using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Commands;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Get-ArchiveLog in the engine, and the log written by archive-import, whose Serilog loads from the shipped deps/.</summary>
public sealed class LogCmdletTests
{
    private const string Artist = "Grateful Dead";

    [Fact]
    public async Task After_a_download_with_a_failed_show_the_log_reads_back_by_run_level_artist_and_last()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/gd73-06-10.sbd.hollister.174.sbeok.shnf", new Fault.Status(503), times: 100);
        using var home = TestHome.Create(archive.BaseAddress, maxRetries: 1);
        using var ps = new PowerShellSession(home.Path);

        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ErrorAction SilentlyContinue | Out-Null");
        var run = ps.Invoke("Get-ArchiveImportRun -Last 1").ThrowIfFailed().Objects<ImportRun>().Single();
        var entries = ps.Invoke($"Get-ArchiveLog -RunId {run.Id}").ThrowIfFailed().Objects<ArchiveLogEntry>().ToList();
        var errors = ps.Invoke($"Get-ArchiveLog -Level Error -Since (Get-Date).AddMinutes(-10)").ThrowIfFailed().Objects<ArchiveLogEntry>().ToList();
        var last = ps.Invoke($"Get-ArchiveLog 'grateful dead' -Last 1").ThrowIfFailed().Objects<ArchiveLogEntry>().Single();
        var none = ps.Invoke($"Get-ArchiveLog -Artist Lettuce").ThrowIfFailed().Objects<ArchiveLogEntry>();
        var badLevel = ps.Invoke("Get-ArchiveLog -Level Loud");
        var health = ps.Invoke("Get-ArchiveHealth -Check log-errors").ThrowIfFailed().Objects<HealthCheckResult>().Single();

        Assert.StartsWith($"Run {run.Id} started: download of {Artist}", entries[0].Message, StringComparison.Ordinal);
        Assert.StartsWith($"Run {run.Id} ended completed after ", entries[^1].Message, StringComparison.Ordinal);
        Assert.Contains(entries, e => e is { Level: "Warning" } && e.Message.StartsWith("Retry: ", StringComparison.Ordinal));
        var failed = Assert.Single(errors);
        Assert.Equal((run.Id, Artist, "gd73-06-10.sbd.hollister.174.sbeok.shnf"), (failed.RunId!.Value, failed.Artist, failed.Identifier));
        Assert.Equal(entries[^1], last);
        Assert.Empty(none);
        Assert.Equal("ParameterArgumentValidationError,ArchiveImport.PowerShell.Commands.GetArchiveLogCommand", Assert.Single(badLevel.Errors).FullyQualifiedErrorId);
        Assert.Equal((HealthStatus.Fail, "1"), (health.Status, health.Value));
    }

    [Fact]
    public async Task Archive_import_writes_the_log_through_the_shipped_dependencies_and_reads_it_back()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);

        var outcome = await ShellProcess.RunAsync(home.Path, "-Command",
            $"$run = (Invoke-ArchiveDownload -Artist '{Artist}' -Limit 3)[0].RunId; " +
            "Get-ArchiveLog -RunId $run | Format-Table -AutoSize Level, Message | Out-String -Width 200");

        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        Assert.Matches(@"Information Run \d+ started: download of Grateful Dead", outcome.Output);
        Assert.Matches(@"Information Run \d+ ended completed after [\d.]+ s: \d+ shows \(0 failed\)", outcome.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(home.Path, "var", "log"), "archiveimport-*.json"));
    }

    [Fact]
    public async Task Maintenance_on_and_off_and_a_stopped_run_are_in_the_log_with_who_did_them()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' | Out-Null").ThrowIfFailed();
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={home.SqlitePath};Pooling=False"))
        {
            sqlite.Open();
            using var insert = sqlite.CreateCommand();
            // A run whose process died elsewhere: its lock is free, its row says running.
            insert.CommandText = "INSERT INTO archivedotorg_import_run (artist_id, run_type, status, started_at, heartbeat_at, host, pid) " +
                "VALUES (1, 'populate', 'running', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'elsewhere', 4242)";
            insert.ExecuteNonQuery();
        }

        ps.Invoke($"Enable-ArchiveMaintenance 'schema upgrade'; Stop-ArchiveImport -Artist '{Artist}' | Out-Null; Disable-ArchiveMaintenance").ThrowIfFailed();
        var stopped = ps.Invoke("Get-ArchiveImportRun -Status failed").ThrowIfFailed().Objects<ImportRun>().Single();
        var entries = ps.Invoke("Get-ArchiveLog -Last 3").ThrowIfFailed().Objects<ArchiveLogEntry>().ToList();

        var who = $"{Environment.UserName} on {Environment.MachineName}";
        Assert.Equal("Warning", entries[0].Level);
        Assert.StartsWith("Maintenance mode on: no import starts until Disable-ArchiveMaintenance (since ", entries[0].Message, StringComparison.Ordinal);
        Assert.EndsWith($"by {Environment.UserName} on {Environment.MachineName}: schema upgrade).", entries[0].Message, StringComparison.Ordinal);
        Assert.Equal((stopped.Id, Artist), (entries[1].RunId!.Value, entries[1].Artist));
        Assert.Equal($"Run {stopped.Id} had no live process (host elsewhere, pid 4242); Stop-ArchiveImport by {who} marked it failed.", entries[1].Message);
        Assert.Equal(("Information", $"Maintenance mode off, by {who}: imports may start again."), (entries[2].Level, entries[2].Message));
    }

    [Fact]
    public void Remove_ArchiveLog_removes_only_the_log_files_of_older_days_and_WhatIf_removes_none()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        var folder = Path.Combine(home.Path, "var", "log");
        Directory.CreateDirectory(folder);
        var today = DateTime.Now.Date;
        string Day(int daysAgo, string suffix = "") => Path.Combine(folder, $"archiveimport-{today.AddDays(-daysAgo):yyyyMMdd}{suffix}.json");
        var old = new[] { Day(20), Day(20, "_001"), Day(15) };
        var kept = new[] { Day(14), Day(0), Path.Combine(folder, "archiveimport-notes.json"), Path.Combine(folder, "other-20200101.json") };
        foreach (var file in old.Concat(kept))
        {
            File.WriteAllText(file, "{}\n");
        }

        using var ps = new PowerShellSession(home.Path);
        var whatIf = ps.Invoke("Remove-ArchiveLog -OlderThan 14 -WhatIf").ThrowIfFailed().Objects<ArchiveLogRemoval>().Single();
        Assert.Equal(0, whatIf.Removed);
        Assert.All(old.Concat(kept), file => Assert.True(File.Exists(file), file));

        var removal = ps.Invoke("Remove-ArchiveLog 14 -Confirm:$false").ThrowIfFailed().Objects<ArchiveLogRemoval>().Single();

        Assert.Equal((3, 9L, today.AddDays(-14).ToString("yyyy-MM-dd")), (removal.Removed, removal.Bytes, removal.Before));
        Assert.All(old, file => Assert.False(File.Exists(file), file));
        Assert.All(kept, file => Assert.True(File.Exists(file), file));
    }
}
