using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Update, "ArchiveDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SchemaStatus))]
[RecordsActivity]
public sealed class UpdateArchiveDatabaseCommand : AsyncArchiveCmdlet
{
    protected override bool RequiresCurrentSchema => false;

    protected override void End()
    {
        try
        {
            var status = Services.Schema.GetStatus();
            foreach (var migration in status.Pending)
            {
                WriteVerbose($"Pending migration {migration.Version}: {migration.Description}");
            }

            if (status.Pending.Count > 0 &&
                ShouldProcess(Services.Database.Target.Display, $"Apply {status.Pending.Count} migration(s) up to schema version {status.LatestVersion}"))
            {
                status = Services.Schema.MigrateUp();
            }

            WriteObject(status);
        }
        catch (CatalogUnavailableException ex)
        {
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, Services.Database.Target.Display);
        }
    }
}
