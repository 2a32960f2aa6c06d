using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveAliasSuggestion")]
[OutputType(typeof(AliasSuggestion))]
public sealed class GetArchiveAliasSuggestionCommand : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    protected override void ProcessRecord()
    {
        var suggestions = new AliasSuggestions(Services);
        var artists = ConfiguredNames(Artist) ?? suggestions.ArtistsWithUnmatchedTitles();
        foreach (var artist in artists)
        {
            try
            {
                foreach (var suggestion in suggestions.For(artist))
                {
                    WriteObject(suggestion);
                }
            }
            catch (Exception ex) when (TryWriteArtistProblem(ex, artist))
            {
                // Reported; the other artists' suggestions still come.
            }
        }
    }
}
