using System.Diagnostics;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>The processes of the imports running on this machine: alive, and how much memory each holds.</summary>
public sealed class ImportProcessesCheck : HealthCheck
{
    private const long Megabyte = 1024 * 1024;

    /// <summary>
    /// Linux derives a process's start time from its ticks since boot, a little off the wall clock the run's start was
    /// read from: a process that started this little after its run still counts as the run's own.
    /// </summary>
    private static readonly TimeSpan StartTimeSlack = TimeSpan.FromSeconds(2);

    public override string Id => "import-processes";
    public override string Name => "Import processes";
    public override string Description =>
        "One result per import running on this machine: fails when its process is gone (its pid ended, or now belongs to a process " +
        "started after the run, or it no longer holds the run's lock); warns when its working set reaches maxImportMemoryMegabytes. " +
        "Runs on other hosts cannot be checked from here and are only listed.";
    public override IReadOnlyList<string> Tags => ["imports", "processes"];
    public override IReadOnlyList<string> Thresholds => ["maxImportMemoryMegabytes"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var running = context.Alive.Concat(context.Dead).OrderBy(r => r.Id).ToList();
        var here = running.Where(r => string.Equals(r.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)).ToList();
        var elsewhere = running.Except(here).ToList();
        if (here.Count == 0)
        {
            yield return Result(context, HealthStatus.Pass,
                $"No import is running on this host ({Environment.MachineName})." + (elsewhere.Count > 0 ? " " + Elsewhere(elsewhere) : ""), 0);
        }

        foreach (var run in here)
        {
            yield return Check(context, run, context.Alive.Contains(run));
        }

        if (here.Count > 0 && elsewhere.Count > 0)
        {
            yield return Result(context, HealthStatus.Pass, Elsewhere(elsewhere), elsewhere.Count);
        }
    }

    private HealthCheckResult Check(HealthContext context, ImportRun run, bool holdsLock)
    {
        var limit = context.Services.Settings.Health.MaxImportMemoryMegabytes;
        var target = $"run {run.Id}";
        var what = $"Run {run.Id} ({run.Type} of {run.Artist}, pid {run.Pid})";
        var stop = $"Stop-ArchiveImport -Id {run.Id} marks it failed; the next run resumes where it stopped.";
        using var process = ProcessOf(run);
        if (process is null)
        {
            return Result(context, HealthStatus.Fail, $"{what}: its process is gone (no process with that pid started before the run). {stop}", null, limit, target);
        }

        if (!holdsLock)
        {
            return Result(context, HealthStatus.Fail,
                $"{what}: the process lives but no longer holds the run's lock, so another run may start beside it. End it, then {stop}", null, limit, target);
        }

        var workingSet = process.WorkingSet64 / Megabyte;
        var memory = $"working set {workingSet} MB, private {process.PrivateMemorySize64 / Megabyte} MB";
        return workingSet >= limit
            ? Result(context, HealthStatus.Warning,
                $"{what}: alive, {memory}, at or above {limit} MB. Watch it with Watch-ArchiveImport -Id {run.Id}; if it keeps growing, stop it and report it.",
                workingSet, limit, target)
            : Result(context, HealthStatus.Pass, $"{what}: alive, {memory}.", workingSet, limit, target);
    }

    /// <summary>The run's process, or null when its pid has ended or now names a process that started after the run.</summary>
    private static Process? ProcessOf(ImportRun run)
    {
        Process? process = null;
        try
        {
            process = Process.GetProcessById(run.Pid);
            if (!process.HasExited && process.StartTime.ToUniversalTime() <= run.StartedAt + StartTimeSlack)
            {
                return process;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone, or ended while being read.
        }

        process?.Dispose();
        return null;
    }

    private static string Elsewhere(IReadOnlyList<ImportRun> runs) =>
        $"{runs.Count} running import(s) on other hosts cannot be checked from here: " +
        string.Join("; ", runs.Select(r => $"run {r.Id} on {r.Host}, pid {r.Pid}")) + ". Run Get-ArchiveHealth -Check import-processes on those hosts.";
}
