using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "ArchiveImportRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ImportRunRemoval))]
[RecordsActivity]
public sealed class RemoveArchiveImportRunCommand : AsyncArchiveCmdlet
{
    /// <summary>Removes the runs that started more than this many days ago and have ended.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(1, 36500)]
    public int OlderThan { get; set; }

    protected override void End()
    {
        var before = Services.Now.AddDays(-OlderThan);
        var count = Services.Runs.CountEndedBefore(before);
        if (count > 0 && !ShouldProcess(Services.Database.Target.Display, $"Remove {count} ended import run(s) started before {before:u}"))
        {
            return;
        }

        var removed = count == 0 ? 0 : Services.Runs.DeleteEndedBefore(before);
        if (removed > 0)
        {
            Services.Activity.Write("info", "runs_removed", $"{removed} import run(s) started before {before:u} removed by {Environment.UserName} on {Environment.MachineName}.", Services.Now);
        }

        WriteObject(new ImportRunRemoval(before, removed));
    }
}

/// <summary>What Remove-ArchiveImportRun removed: the ended runs that started before <see cref="Before"/> (UTC).</summary>
public sealed record ImportRunRemoval(DateTime Before, int Removed);
