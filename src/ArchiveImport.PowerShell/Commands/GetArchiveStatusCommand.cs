using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveStatus")]
[OutputType(typeof(ArtistStatus))]
public sealed class GetArchiveStatusCommand : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        foreach (var status in new StatusReport(Services).For(artists))
        {
            WriteObject(status);
        }
    }
}
