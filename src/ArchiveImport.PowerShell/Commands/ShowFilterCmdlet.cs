using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>The filters Get-ArchiveShow and Get-ArchiveRecording share; every one given must hold.</summary>
public abstract class ShowFilterCmdlet : ArchiveCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    [Parameter]
    [ValidateRange(1800, 2200)]
    public int Year { get; set; }

    [Parameter]
    [ValidateRange(1, 12)]
    public int Month { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(VenueNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Venue { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Identifier { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SongNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Song { get; set; }

    [Parameter]
    [ValidateSet("SBD", "Matrix", "FM", "AUD", "Unknown")]
    public string? Source { get; set; }

    /// <summary>The query the bound parameters make, or null when every artist named is unknown (each reported).</summary>
    private protected ShowQuery? Query()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return null;
        }

        return new ShowQuery(artists, Year > 0 ? Year : null, Month > 0 ? Month : null, Venue, Identifier, Song, Source);
    }

    /// <summary>Says so when an identifier named finds nothing: a typo or a recording not populated yet.</summary>
    private protected void ReportUnknownIdentifier()
    {
        if (Identifier is not null)
        {
            WriteProblem(
                new ItemNotFoundException(
                    $"The catalog has no recording '{Identifier}'{(Artist is null ? "" : " of " + string.Join(", ", Artist))}. " +
                    "Check the identifier, or run Invoke-ArchiveDownload and Invoke-ArchivePopulate for it first."),
                "RecordingNotFound", ProblemKind.NotFound, Identifier);
        }
    }
}
