using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveTrack")]
[OutputType(typeof(ConcertTrack))]
public sealed class GetArchiveTrackCommand : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Identifier { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(SongNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Song { get; set; }

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return;
        }

        var tracks = Services.Browser.Tracks(new TrackQuery(artists, Identifier, Song));
        if (tracks.Count == 0 && Identifier is not null && Song is null)
        {
            WriteProblem(
                new ItemNotFoundException(
                    $"The catalog has no tracks of a recording '{Identifier}'. Check the identifier with Get-ArchiveRecording, " +
                    "or run Invoke-ArchiveDownload and Invoke-ArchivePopulate for it first."),
                "RecordingNotFound", ProblemKind.NotFound, Identifier);
        }

        foreach (var track in tracks)
        {
            WriteObject(track);
        }
    }
}
