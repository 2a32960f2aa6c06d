using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Sets the image Get-ArchiveArtwork gives a recording, replacing any override it had.</summary>
[Cmdlet(VerbsCommon.Set, "ArchiveArtworkOverride", SupportsShouldProcess = true)]
[OutputType(typeof(ArtworkOverride))]
[RecordsActivity]
public sealed class SetArchiveArtworkOverrideCommand : AsyncArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Identifier { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string ImageUrl { get; set; } = "";

    [Parameter]
    public string? Note { get; set; }

    protected override string? ActivityTarget => Identifier;

    protected override void Process()
    {
        if (!ShouldProcess(Identifier, $"Show the image {ImageUrl} as its artwork"))
        {
            return;
        }

        try
        {
            WriteObject(Services.Artwork.Set(Identifier, ImageUrl, Note, Services.Now));
        }
        catch (ArgumentException ex)
        {
            WriteProblem(ex, "InvalidImageUrl", ProblemKind.InvalidArgument, ImageUrl);
        }
        catch (KeyNotFoundException ex)
        {
            WriteProblem(ex, "RecordingNotFound", ProblemKind.NotFound, Identifier);
        }
    }
}
