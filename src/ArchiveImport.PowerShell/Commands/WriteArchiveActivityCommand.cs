using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Records a script's own step in the activity log, beside the rows the cmdlets write.</summary>
[Cmdlet(VerbsCommunications.Write, "ArchiveActivity")]
[OutputType(typeof(ActivityRecord))]
[RecordsActivity(WritesItsOwnRow = true)]
public sealed class WriteArchiveActivityCommand : ArchiveCmdlet
{
    // A deployment records its steps while a shared catalog is still at the previous release's schema.
    protected override bool RequiresCurrentSchema => false;

    /// <summary>What was done: the script or step's name (e.g. 'deploy-phase-2').</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Command { get; set; } = "";

    /// <summary>What it was done to: an artist, a path, a run id, a server.</summary>
    [Parameter(Position = 1)]
    public string? Target { get; set; }

    [Parameter]
    [ValidateSet(ActivityOutcome.Succeeded, ActivityOutcome.Failed, ActivityOutcome.Skipped, ActivityOutcome.Undone, ActivityOutcome.Started)]
    public string Outcome { get; set; } = ActivityOutcome.Succeeded;

    /// <summary>How long the step took.</summary>
    [Parameter]
    public TimeSpan Duration { get; set; }

    [Parameter]
    public string? Message { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Artist { get; set; }

    /// <summary>info, warning or error; by default error for a Failed outcome, otherwise info.</summary>
    [Parameter]
    [ValidateSet("info", "warning", "error")]
    public string? Level { get; set; }

    /// <summary>Returns the row as Get-ArchiveActivity shows it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var outcome = ActivityOutcome.Canonical(Outcome) ?? Outcome;
        var level = Level?.ToLowerInvariant() ?? (outcome == ActivityOutcome.Failed ? "error" : "info");
        var entry = new ActivityEntry(Services.Now, level, "step_" + outcome.ToLowerInvariant(), Message ?? "")
        {
            Command = Command,
            Target = Target,
            Outcome = outcome,
            Duration = MyInvocation.BoundParameters.ContainsKey(nameof(Duration)) ? Duration : null,
            Artist = Artist is null ? null : Services.ResolveArtistName(Artist) ?? Artist.Trim(),
        };

        ActivityRecord record;
        try
        {
            record = Services.Activity.Record(entry);
        }
        catch (CatalogUnavailableException ex)
        {
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, Services.Database.Target.Display);
            return;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            Terminate(new InvalidOperationException(
                $"Could not record '{Command}' ({outcome}) in the activity log of {Services.Database.Target.Display}: {Redacted(ex.Message)} " +
                "Check that the catalog is reachable (Get-ArchiveHealth -Check database) and record the step again."), "ActivityNotRecorded", ErrorCategory.WriteError, Command);
            return;
        }

        if (PassThru)
        {
            WriteObject(record);
        }
    }
}
