using System.Management.Automation;
using ArchiveImport.Core;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Schema;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>
/// Runs this session as one of several workers sharing an artist list through the catalog (one per machine, or several
/// on one): each artist is downloaded and populated by one worker per round. The artists are gathered from the
/// pipeline first, and the work starts once they all are.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ArchiveImportWorker", SupportsShouldProcess = true)]
[OutputType(typeof(WorkerResult))]
[RecordsActivity]
public sealed class InvokeArchiveImportWorkerCommand : AsyncArchiveCmdlet
{
    private readonly List<string> artists = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    [Parameter]
    [ValidateLength(1, ColumnLengths.WorkerRound.RoundName)]
    public string? Round { get; set; }

    [Parameter]
    [ValidateLength(1, ColumnLengths.WorkerRound.Worker)]
    public string? WorkerName { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ArchiveUrl { get; set; }

    protected override SettingsOverrides Overrides => base.Overrides with { ArchiveUrl = ArchiveUrl };

    protected override int ActivityId => ActivityIds.Worker;

    protected override void Process() => artists.AddRange(Artist);

    protected override void End()
    {
        var worker = new ImportWorker(Services);
        var round = Round ?? worker.DefaultRound;
        if (!ShouldProcess($"round '{round}' ({artists.Count} artist(s): {string.Join(", ", artists)})", "Download and populate as a worker"))
        {
            return;
        }

        var request = new WorkerRequest(artists, round, WorkerName, ThrottleLimit > 0 ? ThrottleLimit : null);
        try
        {
            Run(cancellation => worker.RunAsync(request, Reporter, cancellation));
        }
        catch (ArtistNotConfiguredException ex)
        {
            Terminate(ex, "ArtistNotConfigured", ErrorCategory.ObjectNotFound, string.Join(", ", artists));
        }
        catch (ArtistConfigException ex)
        {
            Terminate(ex, "InvalidArtistConfig", ErrorCategory.InvalidData, null);
        }
        catch (CatalogUnavailableException ex)
        {
            Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, round);
        }
    }
}
