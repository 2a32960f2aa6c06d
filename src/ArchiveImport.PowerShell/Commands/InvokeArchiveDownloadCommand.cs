using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Settings;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "ArchiveDownload", SupportsShouldProcess = true)]
[OutputType(typeof(DownloadResult))]
[RecordsActivity]
public sealed class InvokeArchiveDownloadCommand : AsyncArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Limit { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Identifier { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ArchiveUrl { get; set; }

    protected override SettingsOverrides Overrides => base.Overrides with { ArchiveUrl = ArchiveUrl };

    protected override int ActivityId => ActivityIds.Download;

    protected override void Process()
    {
        foreach (var artist in Artist)
        {
            var what = Identifier is { Length: > 0 } ids ? $"{ids.Length} named show(s)" : Limit > 0 ? $"up to {Limit} shows" : "all shows";
            if (!ShouldProcess(artist, $"Download archive.org metadata of {what}"))
            {
                continue;
            }

            var request = new DownloadRequest(artist, Limit > 0 ? Limit : null, Identifier, Force, ThrottleLimit > 0 ? ThrottleLimit : null);
            try
            {
                var run = Run(cancellation => new DownloadJob(Services).RunAsync(request, Reporter, cancellation));
                WriteVerbose($"Run {run.Id} {run.Status}: {run.ShowsProcessed} shows, {run.ShowsFailed} failed, in {run.Duration.TotalSeconds:0.0} s.");
            }
            catch (Exception ex) when (TryWriteArtistProblem(ex, artist))
            {
                // Reported; the other artists still run.
            }
            catch (Core.Storage.CatalogUnavailableException ex)
            {
                Terminate(ex, "CatalogUnavailable", ErrorCategory.ConnectionError, artist);
            }
        }
    }
}
