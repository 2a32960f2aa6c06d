using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveMaintenance")]
[OutputType(typeof(MaintenanceState))]
public sealed class GetArchiveMaintenanceCommand : ArchiveCmdlet
{
    // A deployment pauses imports before it migrates a shared catalog, and ends the pause after a rollback to the old schema.
    protected override bool RequiresCurrentSchema => false;

    protected override void EndProcessing()
    {
        try
        {
            WriteObject(new MaintenanceMode(Services).Current());
        }
        catch (CatalogUnavailableException ex)
        {
            // The old schema is not checked at the start, so an unreachable server is first met here.
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, Services.Database.Target.Display);
        }
    }
}
