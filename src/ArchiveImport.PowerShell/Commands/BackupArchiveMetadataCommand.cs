using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Backup, "ArchiveMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ArchiveMetadataBackup))]
[RecordsActivity]
public sealed class BackupArchiveMetadataCommand : AsyncArchiveCmdlet
{
    private string? destination;

    /// <summary>The zip to write, or a folder to put it in; default var/backups/metadata-TIME.zip in the home folder.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Replaces an existing backup of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool UsesCatalog => false;

    /// <summary>The backup file written, for the activity row.</summary>
    protected override string? ActivityTarget => destination;

    protected override void End()
    {
        var backups = new MetadataBackups(Services);
        var path = BackupCommands.Destination(this, Path, backups.DefaultPath());
        destination = path;

        if (!ShouldProcess(path, $"Back up {Services.Settings.MetadataDirectory} and {Services.Settings.ArtistConfigDirectory}"))
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
