using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Restore, "ArchiveDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ArchiveDatabaseRestore))]
[RecordsActivity]
public sealed class RestoreArchiveDatabaseCommand : AsyncArchiveCmdlet
{
    /// <summary>The backup file made by Backup-ArchiveDatabase (its manifest lies beside it).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    // The catalog is about to be replaced whole: it is neither migrated nor required to open (a damaged one is the reason
    // for many a restore).
    protected override bool UsesCatalog => false;

    protected override void Process()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var backups = new DatabaseBackups(Services);
        try
        {
            var backup = backups.Verify(path);
            if (!ShouldProcess(Services.Database.Target.Display,
                    $"Replace every table with the backup {path} (made {backup.CreatedAt:u} on {backup.Host}, schema version {backup.SchemaVersion})"))
            {
                return;
            }

            var restored = backups.Restore(path);
            if (restored.DamagedCatalogKeptAt is { } aside)
            {
                WriteWarning($"The catalog file was not a readable database; it was kept as {aside} and the backup put in its place.");
            }

            if (restored.SchemaVersion < SchemaMigrator.LatestVersion)
            {
                WriteWarning(Services.Database.MigratesOnFirstUse
                    ? $"The backup's schema (version {restored.SchemaVersion}) is older than this module's ({SchemaMigrator.LatestVersion}); it is migrated on the next use."
                    : $"The backup's schema (version {restored.SchemaVersion}) is older than this module's ({SchemaMigrator.LatestVersion}): run Update-ArchiveDatabase before importing.");
            }

            WriteObject(restored);
        }
        catch (DatabaseBackupException ex)
        {
            var (id, category) = BackupCommands.ErrorFor(ex.Problem, "RestoreFailed");
            Terminate(ex, id, category, path);
        }
        catch (CatalogUnavailableException ex)
        {
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, Services.Database.Target.Display);
        }
    }
}
