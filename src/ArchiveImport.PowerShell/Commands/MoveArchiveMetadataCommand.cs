using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Move, "ArchiveMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MetadataMoveResult))]
[RecordsActivity]
public sealed class MoveArchiveMetadataCommand : AsyncArchiveCmdlet
{
    /// <summary>The flat folder of &lt;identifier&gt;.json files; default the metadata folder itself.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Moves only this artist's files (unplaced files are then not reported).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    public string? Artist { get; set; }

    protected override void End()
    {
        var folder = Path is null ? Services.Settings.MetadataDirectory : GetUnresolvedProviderPathFromPSPath(Path);
        MetadataMoveResult result;
        try
        {
            result = new MetadataLayoutMove(Services).Move(folder, Artist, (target, action) => ShouldProcess(target, action));
        }
        catch (MetadataMoveException ex)
        {
            Terminate(ex, "MetadataMoveImpossible", ErrorCategory.InvalidOperation, folder);
            return;
        }

        if (result.Resumed)
        {
            WriteVerbose($"Finished the move its journal {MetadataMoveJournal.PathIn(folder)} recorded (a run before this one was stopped).");
        }

        foreach (var item in result.Items.Where(i => i.Reason is not null))
        {
            var (id, category) = item.Outcome switch
            {
                MetadataMoveOutcome.Unplaced => ("MetadataUnplaced", ErrorCategory.ObjectNotFound),
                MetadataMoveOutcome.Conflict => ("MetadataConflict", ErrorCategory.ResourceExists),
                MetadataMoveOutcome.NotMoved => ("ImportRunning", ErrorCategory.ResourceBusy),
                _ => ("MetadataMoveFailed", ErrorCategory.WriteError),
            };
            WriteError(new ErrorRecord(new InvalidOperationException($"{item.Source} was not moved: {item.Reason}."), id, category, item.Source));
        }

        if (!result.Verified)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException(
                    $"The move of {folder} is not proven whole: {result.Proof.FilesBefore} file(s) of {result.Proof.BytesBefore} bytes before, " +
                    $"{result.Proof.FilesAfter} of {result.Proof.BytesAfter} after. The errors above name each file; nothing was removed that was not copied and verified first."),
                "MetadataMoveUnverified", ErrorCategory.InvalidResult, folder));
        }

        WriteObject(result);
    }
}
