using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>
/// What the Backup- cmdlets do alike: a file or folder to write to (by default under var/backups), -Force to replace an
/// existing backup, ShouldProcess, and the backup written or the terminating error that says why not.
/// </summary>
public abstract class BackupArchiveCommand : AsyncArchiveCmdlet
{
    private string? destination;

    /// <summary>The backup file, or a folder to put it in; by default a file named by the time under var/backups.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Replaces an existing backup of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The backup file written, for the activity row.</summary>
    protected override string? ActivityTarget => destination;

    /// <summary>Where a backup goes when no -Path is given.</summary>
    protected abstract string DefaultPath();

    /// <summary>What is backed up, as the ShouldProcess question names it.</summary>
    protected abstract string Source { get; }

    /// <summary>Writes the backup to <paramref name="path"/> and returns what was written.</summary>
    protected abstract object WriteBackup(string path, bool force);

    protected override void End()
    {
        var path = BackupCommands.Destination(this, Path, DefaultPath());
        destination = path;
        if (!ShouldProcess(path, $"Back up {Source}"))
        {
            return;
        }

        try
        {
            WriteObject(WriteBackup(path, Force));
        }
        catch (DatabaseBackupException ex)
        {
            var (id, category) = BackupCommands.ErrorFor(ex.Problem, "BackupFailed");
            Terminate(ex, id, category, path);
        }
    }
}
