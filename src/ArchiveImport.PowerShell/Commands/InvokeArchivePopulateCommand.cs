using System.Management.Automation;
using ArchiveImport.Core.Imports;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "ArchivePopulate", SupportsShouldProcess = true)]
[OutputType(typeof(PopulateResult))]
[RecordsActivity]
public sealed class InvokeArchivePopulateCommand : AsyncArchiveCmdlet
{
    private PopulateJob? job;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Identifier { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Limit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Bound from Invoke-ArchiveDownload's results, so shows that failed to download or cannot be imported are passed over.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public object? Status { get; set; }

    protected override int ActivityId => ActivityIds.Populate;

    protected override void Process()
    {
        if (Status?.ToString() is nameof(DownloadStatus.Failed) or nameof(DownloadStatus.NotImportable))
        {
            WriteVerbose($"Passing over {string.Join(", ", Identifier ?? [])}: its download was {Status}.");
            return;
        }

        // One job for the whole pipeline, so each artist's shows all go into one run, populated as they arrive.
        var populate = job ??= new PopulateJob(Services, Reporter, new PopulateOptions(Force, Limit > 0 ? Limit : null), ShouldProcessFromWork);
        var identifiers = Identifier is { Length: > 0 } named ? named : null;
        foreach (var artist in Artist)
        {
            try
            {
                Run(cancellation => populate.Populate(artist, identifiers, cancellation.Token));
            }
            catch (Exception ex) when (TryWriteArtistProblem(ex, artist))
            {
                // Reported once; the other artists still populate.
            }
        }
    }

    protected override void EndRuns(StopReason? stopped) => job?.End(stopped);
}
