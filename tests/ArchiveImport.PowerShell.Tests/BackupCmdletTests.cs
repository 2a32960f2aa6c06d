using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Backup-ArchiveDatabase and Restore-ArchiveDatabase in the real engine, on SQLite and MariaDB.</summary>
[Collection(CmdletCollection.Name)]
public sealed class BackupCmdletTests
{
    private readonly MariaDbFixture mariaDb;

    public BackupCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_backup_piped_into_restore_brings_back_the_catalog_as_it_was(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var database = CatalogDatabase.For(SettingsLoader.Load(_ => null, home.Path).Database);
        var before = TableFingerprints.Read(database);

        var backup = ps.Invoke("$script:backup = Backup-ArchiveDatabase; $script:backup").ThrowIfFailed().Objects<ArchiveDatabaseBackup>().Single();
        Assert.StartsWith(Path.Combine(home.Path, "var", "backups", "archive-"), backup.Path);
        Assert.EndsWith(engine == "mariadb" ? ".sql" : ".db", backup.Path);

        ps.Invoke("Invoke-ArchivePopulate -Artist 'Grateful Dead' -Force").ThrowIfFailed();
        using (var connection = database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "DELETE FROM catalog_track_song");
        }

        var whatIf = ps.Invoke("$script:backup | Restore-ArchiveDatabase -WhatIf").ThrowIfFailed();
        Assert.Empty(whatIf.Output);
        Assert.NotEqual(before, TableFingerprints.Read(database));

        var restored = ps.Invoke("$script:backup | Restore-ArchiveDatabase -Confirm:$false").ThrowIfFailed().Objects<ArchiveDatabaseRestore>().Single();

        Assert.Equal(before, restored.Tables);
        // The catalog as it was, plus the activity row that records the restore itself.
        const string ActivityLog = "archivedotorg_activity_log";
        var after = TableFingerprints.Read(database);
        Assert.Equal(before.Where(t => t.Table != ActivityLog), after.Where(t => t.Table != ActivityLog));
        Assert.Equal(before.Single(t => t.Table == ActivityLog).Rows + 1, after.Single(t => t.Table == ActivityLog).Rows);
        Assert.Equal("Restore-ArchiveDatabase", ps.Invoke("Get-ArchiveActivity -Last 1").ThrowIfFailed().Objects<ActivityRecord>().Single().Command);
        Assert.Equal(SchemaMigrator.LatestVersion, restored.SchemaVersion);
    }

    [Fact]
    public async Task A_changed_backup_and_a_missing_one_are_terminating_errors_with_their_ids()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var backup = ps.Invoke("Backup-ArchiveDatabase -Path ./b.db").ThrowIfFailed().Objects<ArchiveDatabaseBackup>().Single();
        File.AppendAllText(backup.Path, "x");

        var changed = ps.Invoke("Restore-ArchiveDatabase ./b.db -Confirm:$false");
        var missing = ps.Invoke("Restore-ArchiveDatabase ./nope.db -Confirm:$false");
        var again = ps.Invoke("Backup-ArchiveDatabase -Path ./b.db");

        Assert.Equal("BackupInvalid,ArchiveImport.PowerShell.Commands.RestoreArchiveDatabaseCommand", Id(changed));
        Assert.Equal(ErrorCategory.InvalidData, changed.Errors.Single().CategoryInfo.Category);
        Assert.Equal("BackupNotFound,ArchiveImport.PowerShell.Commands.RestoreArchiveDatabaseCommand", Id(missing));
        Assert.Equal("BackupInvalid,ArchiveImport.PowerShell.Commands.BackupArchiveDatabaseCommand", Id(again));
        Assert.Contains("-Force", again.Errors.Single().Exception.Message);
    }

    private static string Id(PipelineOutcome outcome) => Assert.Single(outcome.Errors).FullyQualifiedErrorId;
}
