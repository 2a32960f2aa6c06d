using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Backs up the metadata files and artist configs into one zip (default var/backups/metadata-TIME.zip).</summary>
[Cmdlet(VerbsData.Backup, "ArchiveMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ArchiveMetadataBackup))]
[RecordsActivity]
public sealed class BackupArchiveMetadataCommand : BackupArchiveCommand
{
    protected override bool UsesCatalog => false;

    protected override string Source => $"{Services.Settings.MetadataDirectory} and {Services.Settings.ArtistConfigDirectory}";

    protected override string DefaultPath() => new MetadataBackups(Services).DefaultPath();

    protected override object WriteBackup(string path, bool force) => new MetadataBackups(Services).Backup(path, force);
}
