using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>
/// A recording's artwork and the rule that chose it; a concert from Get-ArchiveShow gives its preferred recording's
/// identifier. With -Artist alone, the artist's overrides.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ArchiveArtwork", DefaultParameterSetName = ByIdentifier)]
[OutputType(typeof(ArtworkResult))]
public sealed class GetArchiveArtworkCommand : ArchiveCmdlet
{
    private const string ByIdentifier = "Identifier";
    private const string ByArtist = "Artist";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdentifier)]
    [ValidateNotNullOrEmpty]
    public string Identifier { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ByArtist)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    protected override void ProcessRecord()
    {
        var resolver = new ArtworkResolver(Services, WriteVerbose, WriteWarning);
        if (ParameterSetName == ByArtist)
        {
            if (ConfiguredNames(Artist) is { Count: > 0 } artists)
            {
                foreach (var result in resolver.Overrides(artists))
                {
                    WriteObject(result);
                }
            }

            return;
        }

        if (resolver.Resolve(Identifier) is { } artwork)
        {
            WriteObject(artwork);
            return;
        }

        WriteProblem(
            new ItemNotFoundException(
                $"The catalog has no recording '{Identifier}'. Check the identifier with Get-ArchiveRecording, " +
                "or run Invoke-ArchiveDownload and Invoke-ArchivePopulate for it first."),
            "RecordingNotFound", ProblemKind.NotFound, Identifier);
    }
}
