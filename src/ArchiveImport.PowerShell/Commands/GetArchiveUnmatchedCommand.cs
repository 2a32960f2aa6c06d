using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveUnmatched")]
[OutputType(typeof(UnmatchedTrack))]
public sealed class GetArchiveUnmatchedCommand : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; }

    [Parameter]
    public SwitchParameter IncludeResolved { get; set; }

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        foreach (var track in Services.Catalog.Unmatched(artists, Top > 0 ? Top : null, IncludeResolved))
        {
            WriteObject(track);
        }
    }
}
