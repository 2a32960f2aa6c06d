using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveImportRun")]
[OutputType(typeof(ImportRun))]
public sealed class GetArchiveImportRunCommand : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public long[]? Id { get; set; }

    [Parameter]
    [ValidateSet(RunStatus.Running, RunStatus.Completed, RunStatus.Failed, RunStatus.Cancelled)]
    public string? Status { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; } = 20;

    /// <summary>Only runs started at or after this time (a time without a zone is local time).</summary>
    [Parameter]
    public DateTime Since { get; set; }

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        foreach (var run in Services.Runs.Find(new RunFilter(Id, artists, Status?.ToLowerInvariant(), Id is { Length: > 0 } ? null : Last, MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since.ToUniversalTime() : null)))
        {
            WriteObject(run);
        }
    }
}
