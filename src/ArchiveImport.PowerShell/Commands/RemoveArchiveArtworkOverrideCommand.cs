using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Removes a recording's artwork override, so Get-ArchiveArtwork falls back to its other rules.</summary>
[Cmdlet(VerbsCommon.Remove, "ArchiveArtworkOverride", SupportsShouldProcess = true)]
[OutputType(typeof(ArtworkOverride))]
[RecordsActivity]
public sealed class RemoveArchiveArtworkOverrideCommand : AsyncArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Identifier { get; set; } = "";

    protected override string? ActivityTarget => Identifier;

    protected override void Process()
    {
        if (!ShouldProcess(Identifier, "Remove its artwork override"))
        {
            return;
        }

        if (Services.Artwork.Remove(Identifier) is { } removed)
        {
            WriteObject(removed);
            return;
        }

        WriteProblem(
            new ItemNotFoundException(
                $"The recording '{Identifier}' has no artwork override, so nothing was removed. " +
                "List the overrides with Get-ArchiveArtwork -Artist <name>."),
            "ArtworkOverrideNotFound", ProblemKind.NotFound, Identifier);
    }
}
