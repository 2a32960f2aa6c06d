using System.Globalization;
using System.Management.Automation;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Watch, "ArchiveImport")]
[OutputType(typeof(ImportRun))]
public sealed class WatchArchiveImportCommand : ArchiveCmdlet
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Watches only the runs of these artists.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    /// <summary>Watches these runs (a run that has ended already is returned at once).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public long[]? Id { get; set; }

    /// <summary>How often the catalog is read.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double IntervalSeconds { get; set; } = 2;

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return;
        }

        var watcher = new RunWatcher(Services);
        var watched = watcher.Select(Id, artists).Select(r => r.Id).ToHashSet();
        if (watched.Count == 0)
        {
            WriteWarning("No running import matches: nothing to watch. Get-ArchiveImportRun -Status running lists the running ones.");
            return;
        }

        while (watched.Count > 0)
        {
            foreach (var run in watcher.Refresh(watched))
            {
                if (run.Status != RunStatus.Running || watcher.HasLostItsProcess(run))
                {
                    if (run.Status == RunStatus.Running)
                    {
                        WriteWarning($"Run {run.Id} ({run.Type} of {run.Artist}) has had no heartbeat since {run.HeartbeatAt:u} and nobody holds its lock: " +
                            "its process is gone. Stop-ArchiveImport marks it failed; the next run resumes after its completed shows.");
                    }

                    WriteProgress(new ProgressRecord(ActivityId(run), Activity(run), run.Status) { RecordType = ProgressRecordType.Completed });
                    WriteObject(run);
                    watched.Remove(run.Id);
                }
                else
                {
                    WriteProgress(Progress(run));
                }
            }

            if (watched.Count > 0 && stopping.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(IntervalSeconds)))
            {
                return;
            }
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    private static ProgressRecord Progress(ImportRun run)
    {
        var done = run.ShowsTotal is { } total ? $"{run.ShowsProcessed} of {total} shows" : $"{run.ShowsProcessed} shows (listing)";
        var eta = run.EstimatedEnd is { } end ? $", ends about {end.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "";
        return new ProgressRecord(ActivityId(run), Activity(run),
            $"{done}, {run.ShowsFailed} failed, {run.ShowsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)} shows/s{eta}")
        {
            PercentComplete = run.PercentComplete ?? -1,
        };
    }

    private static string Activity(ImportRun run) => $"{run.Type} of {run.Artist} (run {run.Id}, {run.Host}, pid {run.Pid})";

    private static int ActivityId(ImportRun run) => ActivityIds.WatchedRun(run.Id);
}
