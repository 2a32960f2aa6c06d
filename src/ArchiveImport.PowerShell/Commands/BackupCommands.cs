using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>What the backup and restore cmdlets share: where a backup goes, and the error of each way they fail.</summary>
internal static class BackupCommands
{
    /// <summary>
    /// The path given (relative to the current location), a file of the default name inside a folder given, or the default.
    /// </summary>
    public static string Destination(PSCmdlet cmdlet, string? path, string defaultPath)
    {
        var destination = path is null ? defaultPath : cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        return Directory.Exists(destination) ? Path.Combine(destination, Path.GetFileName(defaultPath)) : destination;
    }

    public static (string Id, ErrorCategory Category) ErrorFor(BackupProblem problem, string failedId) => problem switch
    {
        BackupProblem.NotFound => ("BackupNotFound", ErrorCategory.ObjectNotFound),
        BackupProblem.Invalid => ("BackupInvalid", ErrorCategory.InvalidData),
        BackupProblem.ImportRunning => ("ImportRunning", ErrorCategory.ResourceBusy),
        BackupProblem.ToolMissing => ("BackupToolMissing", ErrorCategory.NotInstalled),
        _ => (failedId, ErrorCategory.WriteError),
    };
}
