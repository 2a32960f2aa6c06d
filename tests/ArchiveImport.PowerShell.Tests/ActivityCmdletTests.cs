using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Commands;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>The activity log in the real engine: one row per state-changing command, Get- and Write-ArchiveActivity.</summary>
public sealed class ActivityCmdletTests
{
    private const string Artist = "Grateful Dead";

    /// <summary>Verbs whose cmdlets change something: each such cmdlet must leave an activity row.</summary>
    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add", "Backup", "Clear", "Compress", "Disable", "Enable", "Import", "Install", "Invoke", "Move", "New", "Publish", "Register",
        "Remove", "Rename", "Reset", "Restore", "Set", "Start", "Stop", "Sync", "Undo", "Unregister", "Update", "Write",
    };

    [Fact]
    public async Task A_download_and_a_populate_are_one_row_each_with_who_where_what_and_how_long()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var before = DateTime.UtcNow.AddSeconds(-1);

        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' | Invoke-ArchivePopulate").ThrowIfFailed();
        var after = DateTime.UtcNow.AddSeconds(1);
        var rows = ps.Invoke($"Get-ArchiveActivity -Command Invoke-Archive*").ThrowIfFailed().Objects<ActivityRecord>().ToList();

        Assert.Equal(["Invoke-ArchivePopulate", "Invoke-ArchiveDownload"], rows.Select(r => r.Command));
        Assert.All(rows, row =>
        {
            Assert.Equal((Environment.UserName, Environment.MachineName, Artist, Artist), (row.User, row.Host, row.Target, row.Artist));
            Assert.Equal((ActivityOutcome.Succeeded, "info"), (row.Outcome, row.Level));
            Assert.NotNull(row.Duration);
            Assert.InRange(row.Time, before, after);
            Assert.Null(row.ErrorId);
        });

        var artistRows = ps.Invoke($"Get-ArchiveActivity '{Artist.ToLowerInvariant()}'").ThrowIfFailed().Objects<ActivityRecord>().ToList();
        Assert.Contains(artistRows, r => r.Event == "download_started" && r.RunId is not null);
        Assert.Equal(2, artistRows.Count(r => r.Command is not null));

        var backup = ps.Invoke("Backup-ArchiveDatabase").ThrowIfFailed().Objects<ArchiveDatabaseBackup>().Single();
        Assert.Equal(backup.Path, ps.Invoke("Get-ArchiveActivity -Command Backup-ArchiveDatabase").ThrowIfFailed().Objects<ActivityRecord>().Single().Target);
    }

    [Fact]
    public async Task Write_ArchiveActivity_PassThru_returns_the_row_Get_ArchiveActivity_reads_and_no_row_about_itself()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);

        var written = ps.Invoke($"Write-ArchiveActivity deploy-phase-2 db01 -Outcome Started -Duration '00:01:30' -Message 'schema 6' -Artist '{Artist.ToUpperInvariant()}' -PassThru")
            .ThrowIfFailed().Objects<ActivityRecord>().Single();
        var silent = ps.Invoke("Write-ArchiveActivity rollback -Outcome failed").ThrowIfFailed();
        var read = ps.Invoke("Get-ArchiveActivity").ThrowIfFailed().Objects<ActivityRecord>().ToList();

        Assert.Empty(silent.Output);
        Assert.Equal(2, read.Count);
        var failed = read[0];
        Assert.Equal(("rollback", ActivityOutcome.Failed, "error", "step_failed"), (failed.Command, failed.Outcome, failed.Level, failed.Event));
        var again = read[1];
        Assert.Equal(
            (written.Id, written.Time, written.Command, written.Target, written.Outcome, written.Duration, written.Message, written.Artist, written.Level),
            (again.Id, again.Time, again.Command, again.Target, again.Outcome, again.Duration, again.Message, again.Artist, again.Level));
        Assert.Equal(("deploy-phase-2", "db01", ActivityOutcome.Started, TimeSpan.FromSeconds(90), "schema 6", Artist, "info"),
            (written.Command, written.Target, written.Outcome, written.Duration, written.Message, written.Artist, written.Level));
        Assert.Equal((Environment.UserName, Environment.MachineName), (written.User, written.Host));
        Assert.Equal(written.Id, ps.Invoke($"Get-ArchiveActivity -Artist '{Artist}'").ThrowIfFailed().Objects<ActivityRecord>().Single().Id);

        var bad = ps.Invoke("Write-ArchiveActivity x -Outcome Cancelled");
        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(bad.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_records_Failed_with_its_error_id_a_stopped_one_Cancelled_and_WhatIf_nothing()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var unknown = ps.Invoke("Invoke-ArchiveDownload -Artist 'Nobody'");
        var missing = ps.Invoke("Restore-ArchiveDatabase ./nope.db -Confirm:$false");
        ps.Invoke($"Enable-ArchiveMaintenance 'upgrade' -WhatIf; Invoke-ArchiveDownload '{Artist}' -WhatIf").ThrowIfFailed();
        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' -ThrottleLimit 1 | Select-Object -First 1").ThrowIfFailed();
        var rows = ps.Invoke("Get-ArchiveActivity -Command *-Archive*").ThrowIfFailed().Objects<ActivityRecord>().ToList();

        Assert.Equal(["Invoke-ArchiveDownload", "Restore-ArchiveDatabase", "Invoke-ArchiveDownload"], rows.Select(r => r.Command));
        var (stopped, restore, download) = (rows[0], rows[1], rows[2]);

        Assert.StartsWith("ArtistNotConfigured,", Assert.Single(unknown.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal((ActivityOutcome.Failed, "ArtistNotConfigured", "Nobody", "error"), (download.Outcome, download.ErrorId, download.Target, download.Level));
        Assert.Equal(unknown.Errors[0].Exception.Message, download.Message);

        Assert.StartsWith("BackupNotFound,", Assert.Single(missing.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal((ActivityOutcome.Failed, "BackupNotFound", "./nope.db"), (restore.Outcome, restore.ErrorId, restore.Target));
        Assert.Equal(missing.Errors[0].Exception.Message, restore.Message);

        Assert.Equal((ActivityOutcome.Cancelled, (string?)null), (stopped.Outcome, stopped.ErrorId));
        Assert.Contains("Select-Object -First", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answering_No_to_every_confirmation_records_Skipped_and_to_some_of_them_says_how_many()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        var folder = Path.Combine(home.Path, "var", "log");
        Directory.CreateDirectory(folder);
        var old = Enumerable.Range(20, 3).Select(daysAgo => Path.Combine(folder, $"archiveimport-{DateTime.Now.Date.AddDays(-daysAgo):yyyyMMdd}.json")).ToList();
        old.ForEach(file => File.WriteAllText(file, "{}\n"));
        var host = new AnsweringHost("N", "Y", "N", "N");
        using var ps = new PowerShellSession(home.Path, host);

        ps.Invoke("Enable-ArchiveMaintenance 'upgrade' -Confirm").ThrowIfFailed();
        var removal = ps.Invoke("Remove-ArchiveLog 14 -Confirm").ThrowIfFailed().Objects<ArchiveLogRemoval>().Single();
        var rows = ps.Invoke("Get-ArchiveActivity -Command *-Archive*").ThrowIfFailed().Objects<ActivityRecord>().ToList();

        Assert.Equal(4, host.Questions.Count);
        Assert.Equal(false, ps.Invoke("(Get-ArchiveMaintenance).Enabled").ThrowIfFailed().Output.Single().BaseObject);
        Assert.Equal(1, removal.Removed);
        Assert.Equal(2, old.Count(File.Exists));
        Assert.Equal(["Remove-ArchiveLog", "Enable-ArchiveMaintenance"], rows.Select(r => r.Command));
        Assert.Equal((ActivityOutcome.Succeeded, "Answered No to 2 of 3 confirmations: those were left as they were."), (rows[0].Outcome, rows[0].Message));
        Assert.Equal((ActivityOutcome.Skipped, "Answered No to every confirmation (1): nothing was changed.", "info"), (rows[1].Outcome, rows[1].Message, rows[1].Level));
    }

    [Fact]
    public void An_unreachable_catalog_is_the_commands_own_error_and_a_warning_that_no_row_was_written()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        const string Secret = "Activ1ty#Secret";
        var database = $"Server=127.0.0.1;Port={port};Database=archive;User ID=ops;Password={Secret};Connection Timeout=2";

        var outcome = ps.Invoke($"Disable-ArchiveMaintenance -Database '{database}'");

        Assert.StartsWith("CatalogUnavailable,", Assert.Single(outcome.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Contains("activity log has no row for this Disable-ArchiveMaintenance", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, outcome.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_exported_cmdlet_whose_verb_changes_state_records_activity()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);
        var cmdlets = ps.Invoke("Get-Command -Module ArchiveImport -CommandType Cmdlet").ThrowIfFailed().Objects<CmdletInfo>().ToList();
        var changing = cmdlets.Where(c => StateChangingVerbs.Contains(c.Verb)).ToList();

        Assert.Contains(changing, c => c.Name == "Invoke-ArchiveDownload");
        Assert.Contains(changing, c => c.Name == "Write-ArchiveActivity");
        Assert.All(changing, cmdlet =>
        {
            var marked = cmdlet.ImplementingType.GetCustomAttributes(inherit: false).SingleOrDefault(a => a.GetType().Name == "RecordsActivityAttribute");
            Assert.True(marked is not null, $"{cmdlet.Name} changes state but has no [RecordsActivity]: its invocations leave no activity row.");
            var writesItsOwn = (bool)marked.GetType().GetProperty("WritesItsOwnRow")!.GetValue(marked)!;
            Assert.True(writesItsOwn || Derives(cmdlet.ImplementingType, "AsyncArchiveCmdlet"),
                $"{cmdlet.Name} has [RecordsActivity] but does not derive from AsyncArchiveCmdlet, which writes the row.");
        });
        Assert.All(cmdlets.Except(changing), cmdlet =>
            Assert.DoesNotContain(cmdlet.ImplementingType.GetCustomAttributes(inherit: false), a => a.GetType().Name == "RecordsActivityAttribute"));
    }

    private static bool Derives(Type? type, string baseName)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.Name == baseName)
            {
                return true;
            }
        }

        return false;
    }
}
