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

    protected override void EndProcessing() => WriteObject(new MaintenanceMode(Services).Current());
}
