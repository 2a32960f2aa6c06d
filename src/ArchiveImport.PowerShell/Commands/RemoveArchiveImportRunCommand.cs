using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "ArchiveImportRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveArchiveImportRunCommand : ArchiveCmdlet
{
    /// <summary>Removes the runs that started more than this many days ago and have ended.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(1, 36500)]
    public int OlderThan { get; set; }

    protected override void EndProcessing()
    {
        var before = Services.Now.AddDays(-OlderThan);
        var count = Services.Runs.CountEndedBefore(before);
        if (count == 0)
        {
            WriteVerbose($"No ended import run started before {before:u}.");
            return;
        }

        if (!ShouldProcess(Services.Database.Target.Display, $"Remove {count} ended import run(s) started before {before:u}"))
        {
            return;
        }

        var removed = Services.Runs.DeleteEndedBefore(before);
        Services.Activity.Write("info", "runs_removed", $"{removed} import run(s) started before {before:u} removed by {Environment.UserName} on {Environment.MachineName}.", Services.Now);
        WriteVerbose($"Removed {removed} import run(s) started before {before:u}.");
    }
}
