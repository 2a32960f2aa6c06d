using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Disable, "ArchiveMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MaintenanceState))]
[RecordsActivity]
public sealed class DisableArchiveMaintenanceCommand : AsyncArchiveCmdlet
{
    // A deployment pauses imports before it migrates a shared catalog, and ends the pause after a rollback to the old schema.
    protected override bool RequiresCurrentSchema => false;

    protected override void End()
    {
        try
        {
            Change();
        }
        catch (CatalogUnavailableException ex)
        {
            // The old schema is not checked at the start, so an unreachable server is first met here.
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, Services.Database.Target.Display);
        }
    }

    private void Change()
    {
        var maintenance = new MaintenanceMode(Services);
        if (!ShouldProcess(Services.Database.Target.Display, "End maintenance: let imports start again"))
        {
            return;
        }

        if (!maintenance.Disable())
        {
            WriteVerbose("Maintenance mode was not on.");
        }

        WriteObject(maintenance.Current());
    }
}
