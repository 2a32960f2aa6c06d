using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveMaintenance")]
[OutputType(typeof(MaintenanceState))]
public sealed class GetArchiveMaintenanceCommand : ArchiveCmdlet
{
    protected override void EndProcessing() => WriteObject(new MaintenanceMode(Services).Current());
}
