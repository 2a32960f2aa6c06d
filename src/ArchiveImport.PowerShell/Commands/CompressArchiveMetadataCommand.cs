using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Compress, "ArchiveMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MetadataCompressResult))]
[RecordsActivity]
public sealed class CompressArchiveMetadataCommand : AsyncArchiveCmdlet
{
    /// <summary>Packs the files of shows downloaded more than this many days ago.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 36500)]
    public int OlderThan { get; set; } = 90;

    /// <summary>Only this artist's files.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    public string? Artist { get; set; }

    protected override void End()
    {
        var (packed, problems) = new MetadataCompression(Services).Compress(OlderThan, Artist, (target, action) => ShouldProcess(target, action));
        foreach (var problem in problems)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"The metadata of {problem.Artist} was not packed: {problem.Message}."),
                problem.ImportRunning ? "ImportRunning" : "MetadataCompressFailed",
                problem.ImportRunning ? ErrorCategory.ResourceBusy : ErrorCategory.WriteError,
                problem.Artist));
        }

        foreach (var result in packed)
        {
            WriteObject(result);
        }
    }
}
