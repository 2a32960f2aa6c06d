using System.Management.Automation;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Stop, "ArchiveImport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ImportRun))]
[RecordsActivity]
public sealed class StopArchiveImportCommand : AsyncArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public long[]? Id { get; set; }

    /// <summary>Also ends the process of a run on this host instead of waiting for it to reach its next show.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var stopper = new ImportStopper(Services);
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        var runs = stopper.Candidates(artists, Id);
        if (runs.Count == 0)
        {
            WriteVerbose("No running import matches.");
            return;
        }

        foreach (var run in runs)
        {
            var action = Force ? "Stop, ending its process if it is on this host" : "Ask to stop at the next show";
            if (ShouldProcess($"run {run.Id} ({run.Type} of {run.Artist}, host {run.Host}, pid {run.Pid})", action))
            {
                WriteObject(Run(_ => Task.FromResult(stopper.Stop(run, Force, Reporter))));
            }
        }
    }
}
