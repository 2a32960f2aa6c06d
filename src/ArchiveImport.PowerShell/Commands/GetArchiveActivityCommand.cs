using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Who did what: the activity log, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "ArchiveActivity")]
[OutputType(typeof(ActivityRecord))]
public sealed class GetArchiveActivityCommand : ArchiveCmdlet
{
    /// <summary>How many rows when neither -Last nor -Since is given.</summary>
    private const int DefaultLast = 100;

    /// <summary>Only rows at or after this time (a time without a zone is local time).</summary>
    [Parameter]
    public DateTime Since { get; set; }

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Artist { get; set; }

    /// <summary>A cmdlet or script step's name; wildcards allowed (Invoke-*).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Command { get; set; }

    [Parameter]
    [ValidateSet(ActivityOutcome.Succeeded, ActivityOutcome.Failed, ActivityOutcome.Cancelled, ActivityOutcome.Skipped, ActivityOutcome.Undone, ActivityOutcome.Started)]
    public string? Outcome { get; set; }

    /// <summary>The newest this many rows; by default 100, or every row since -Since.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    protected override void ProcessRecord()
    {
        var since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since.ToUniversalTime() : (DateTime?)null;
        int? last = MyInvocation.BoundParameters.ContainsKey(nameof(Last)) ? Last : since is null ? DefaultLast : null;
        var filter = new ActivityFilter(
            since,
            Artist is null ? null : Services.ResolveArtistName(Artist) ?? Artist.Trim(),
            Command,
            Outcome is null ? null : ActivityOutcome.Canonical(Outcome),
            last);
        foreach (var record in Services.Activity.Read(filter))
        {
            WriteObject(record);
        }
    }
}
