using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Backup, "ArchiveDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ArchiveDatabaseBackup))]
[RecordsActivity]
public sealed class BackupArchiveDatabaseCommand : AsyncArchiveCmdlet
{
    private string? destination;

    /// <summary>The backup file, or a folder to put it in; default var/backups/archive-TIME.db (or .sql) in the home folder.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Replaces an existing backup of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // Backing up an old schema is what comes before migrating it.
    protected override bool RequiresCurrentSchema => false;

    /// <summary>The backup file written, for the activity row.</summary>
    protected override string? ActivityTarget => destination;

    protected override void End()
    {
        var backups = new DatabaseBackups(Services);
        var path = BackupCommands.Destination(this, Path, backups.DefaultPath());
        destination = path;

        if (!ShouldProcess(path, $"Back up {Services.Database.Target.Display}"))
        {
            return;
        }

        try
        {
            WriteObject(backups.Backup(path, Force));
        }
        catch (DatabaseBackupException ex)
        {
            var (id, category) = BackupCommands.ErrorFor(ex.Problem, "BackupFailed");
            Terminate(ex, id, category, path);
        }
    }
}
