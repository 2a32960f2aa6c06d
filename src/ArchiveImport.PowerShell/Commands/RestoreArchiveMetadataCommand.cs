using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Restore, "ArchiveMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ArchiveMetadataRestore))]
[RecordsActivity]
public sealed class RestoreArchiveMetadataCommand : AsyncArchiveCmdlet
{
    /// <summary>The zip made by Backup-ArchiveMetadata.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    protected override void Process()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess($"{Services.Settings.MetadataDirectory} and {Services.Settings.ArtistConfigDirectory}",
                $"Replace with the files of {path} (the current folders are kept aside)"))
        {
            return;
        }

        try
        {
            var restored = new MetadataBackups(Services).Restore(path);
            foreach (var aside in restored.KeptAside)
            {
                WriteVerbose($"The replaced folder is kept as {aside}; remove it once the restore is checked.");
            }

            WriteObject(restored);
        }
        catch (DatabaseBackupException ex)
        {
            var (id, category) = BackupCommands.ErrorFor(ex.Problem, "RestoreFailed");
            Terminate(ex, id, category, path);
        }
    }
}
