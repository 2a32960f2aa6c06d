using System.Diagnostics;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// The emergency stop: asks running imports to stop (they end as cancelled at the next show), marks runs whose
/// process is gone as failed, and with force ends a holder process on this host.
/// </summary>
public sealed class ImportStopper
{
    private readonly ArchiveServices services;

    public ImportStopper(ArchiveServices services) => this.services = services;

    public IReadOnlyList<ImportRun> Candidates(IReadOnlyList<string>? artists, IReadOnlyList<long>? ids) =>
        services.Runs.Find(new RunFilter(Ids: ids, Artists: artists, Status: RunStatus.Running));

    /// <summary>Stops one run and returns it as it is afterwards.</summary>
    public ImportRun Stop(ImportRun run, bool force, IJobReporter reporter)
    {
        if (!services.Locks.IsHeld(run.Kind, run.ArtistId))
        {
            services.Runs.MarkEnded(run.Id, RunStatus.Failed,
                $"The process (host {run.Host}, pid {run.Pid}) ended without finishing; marked failed by Stop-ArchiveImport at {services.Now:u}.", services.Now);
            services.Activity.Write("warning", "run_marked_failed", $"Run {run.Id} for {run.Artist} had no live process; marked failed.", services.Now, run.ArtistId, run.Id);
            LogFor(run).Warning("Run {RunId} had no live process (host {Host:l}, pid {Pid}); Stop-ArchiveImport by {User:l} on {Here:l} marked it failed.",
                run.Id, run.Host, run.Pid, Environment.UserName, Environment.MachineName);
            return services.Runs.Get(run.Id)!;
        }

        services.Locks.SignalStop(run.Id); // first: on SQLite the catalog write below may wait for the run's batch to end
        services.Runs.RequestStop(run.Id);
        services.Activity.Write("warning", "stop_requested", $"Stop requested for run {run.Id} ({run.Type} of {run.Artist}).", services.Now, run.ArtistId, run.Id);
        LogFor(run).Warning("Run {RunId}: stop requested by {User:l} on {Here:l} (Stop-ArchiveImport{Force:l}).",
            run.Id, Environment.UserName, Environment.MachineName, force ? " -Force" : "");
        if (force)
        {
            EndLocalProcess(run, reporter);
        }

        return services.Runs.Get(run.Id)!;
    }

    private void EndLocalProcess(ImportRun run, IJobReporter reporter)
    {
        if (!string.Equals(run.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            reporter.Warning($"Run {run.Id} runs on host {run.Host}, not here: it was asked to stop, but -Force can only end processes on this host.");
            return;
        }

        if (run.Pid == Environment.ProcessId)
        {
            reporter.Warning($"Run {run.Id} runs in this very process: it was asked to stop and will end at its next show.");
            return;
        }

        try
        {
            using var process = Process.GetProcessById(run.Pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        services.Runs.MarkEnded(run.Id, RunStatus.Cancelled, $"Process {run.Pid} ended by Stop-ArchiveImport -Force at {services.Now:u}.", services.Now);
        services.Activity.Write("warning", "run_killed", $"Process {run.Pid} of run {run.Id} ({run.Artist}) ended with -Force.", services.Now, run.ArtistId, run.Id);
        LogFor(run).Warning("Run {RunId}: process {Pid} ended by Stop-ArchiveImport -Force.", run.Id, run.Pid);
    }

    private Serilog.ILogger LogFor(ImportRun run) => services.Log.ForContext(ArchiveLog.RunId, run.Id).ForContext(ArchiveLog.Artist, run.Artist);
}
