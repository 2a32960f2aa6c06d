using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Enable, "ArchiveMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MaintenanceState))]
[RecordsActivity]
public sealed class EnableArchiveMaintenanceCommand : AsyncArchiveCmdlet
{
    // A deployment pauses imports before it migrates a shared catalog, and ends the pause after a rollback to the old schema.
    protected override bool RequiresCurrentSchema => false;

    /// <summary>Why imports are paused: shown to everyone whose import is refused.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Reason { get; set; } = "maintenance";

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
        if (!ShouldProcess(Services.Database.Target.Display, $"Pause every import until Disable-ArchiveMaintenance ({Reason})"))
        {
            return;
        }

        var state = maintenance.Enable(Reason);
        foreach (var run in maintenance.RunningImports())
        {
            WriteWarning($"Run {run.Id} ({run.Type} of {run.Artist}, host {run.Host}, pid {run.Pid}) is still running: maintenance only stops new runs. " +
                $"Wait for it, or stop it with Stop-ArchiveImport -Id {run.Id}.");
        }

        WriteObject(state);
    }
}
