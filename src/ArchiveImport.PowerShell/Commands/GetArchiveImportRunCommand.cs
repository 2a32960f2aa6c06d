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

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        foreach (var run in Services.Runs.Find(new RunFilter(Id, artists, Status?.ToLowerInvariant(), Id is { Length: > 0 } ? null : Last)))
        {
            WriteObject(run);
        }
    }
}
