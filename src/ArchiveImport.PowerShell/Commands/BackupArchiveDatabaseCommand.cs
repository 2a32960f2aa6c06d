using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Backs up the catalog database: SQLite's online backup, or mysqldump for MariaDB/MySQL (default var/backups/archive-TIME.db or .sql).</summary>
[Cmdlet(VerbsData.Backup, "ArchiveDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ArchiveDatabaseBackup))]
[RecordsActivity]
public sealed class BackupArchiveDatabaseCommand : BackupArchiveCommand
{
    // Backing up an old schema is what comes before migrating it.
    protected override bool RequiresCurrentSchema => false;

    protected override string Source => Services.Database.Target.Display;

    protected override string DefaultPath() => new DatabaseBackups(Services).DefaultPath();

    protected override object WriteBackup(string path, bool force) => new DatabaseBackups(Services).Backup(path, force);
}
