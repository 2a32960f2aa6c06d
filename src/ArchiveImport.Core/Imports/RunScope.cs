using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Storage;
using Serilog;

namespace ArchiveImport.Core.Imports;

/// <summary>Another run holds the artist's lock for this kind of import.</summary>
public sealed class ImportLockedException(string message) : Exception(message);

/// <summary>Imports are paused: maintenance mode is on.</summary>
public sealed class MaintenanceModeException(string message) : Exception(message);

/// <summary>
/// The life of one import run: the artist's lock, its archivedotorg_import_run row, progress counts, heartbeats,
/// stop requests, and its end as completed, failed or cancelled. Counting is thread-safe.
/// </summary>
public sealed class RunScope : IDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly ArchiveServices services;
    private readonly IDisposable heldLock;
    private readonly SharedConnection progress;
    private readonly object gate = new();
    private int showsProcessed;
    private int showsFailed;
    private int tracksProcessed;
    private readonly DateTime started;
    private DateTime lastHeartbeat;
    private bool stopRequested;
    private bool finished;

    private RunScope(ArchiveServices services, IDisposable heldLock, string artist, int artistId, ImportKind kind, long runId)
    {
        this.services = services;
        this.heldLock = heldLock;
        Artist = artist;
        ArtistId = artistId;
        Kind = kind;
        RunId = runId;
        Log = services.Log.ForContext(ArchiveLog.RunId, runId).ForContext(ArchiveLog.Artist, artist);
        started = lastHeartbeat = services.Now;
        // Read before every show: a pooled connection per read would be an open (and on MySQL a reset) per show.
        progress = services.Database.OpenShared(Log);
    }

    public string Artist { get; }
    public int ArtistId { get; }
    public ImportKind Kind { get; }
    public long RunId { get; }
    public RunCounts Counts => new(showsProcessed, showsFailed, tracksProcessed);

    /// <summary>The log, with this run's id and artist on every line.</summary>
    public ILogger Log { get; }

    /// <summary>
    /// Refuses while maintenance mode is on; takes the lock (failing at once, naming the holder, if it is taken), then
    /// records the run as running.
    /// </summary>
    public static RunScope Begin(ArchiveServices services, string artist, int artistId, ImportKind kind)
    {
        var log = services.Log.ForContext(ArchiveLog.Artist, artist);
        if (services.Maintenance.Get() is { Enabled: true } maintenance)
        {
            var refused = new MaintenanceModeException(
                $"Imports are paused for maintenance ({maintenance.Describe()}), so no {ImportRunRepository.TypeName(kind)} of '{artist}' was started. " +
                "Run it again once Disable-ArchiveMaintenance has ended maintenance (Get-ArchiveMaintenance shows it).");
            log.Warning("Refused: {Refusal:l}", refused.Message);
            throw refused;
        }

        var heldLock = services.Locks.TryAcquire(kind, artistId);
        if (heldLock is null)
        {
            var holder = RecordedHolder(services, artistId, kind);
            var conflict = new ImportLockedException(
                $"A {ImportRunRepository.TypeName(kind)} of '{artist}' is already running: " +
                (holder?.Holder ?? "the holder has not recorded its run yet") +
                $". Wait for it to finish, or stop it with Stop-ArchiveImport{(holder is null ? $" -Artist '{artist}'" : $" -Id {holder.Id}")}.");
            log.ForContext("HolderRunId", holder?.Id).Warning("Lock conflict: {Conflict:l}", conflict.Message);
            throw conflict;
        }

        try
        {
            // Holding the lock proves that any run still marked running for this artist and kind has died.
            foreach (var dead in services.Runs.Running(artistId, kind))
            {
                services.Runs.MarkEnded(dead.Id, RunStatus.Failed,
                    $"The process (host {dead.Host}, pid {dead.Pid}) ended without finishing; found by run started at {services.Now:u}.", services.Now);
            }

            var runId = services.Runs.Start(artistId, kind, services.Now);
            services.Activity.Write("info", $"{ImportRunRepository.TypeName(kind)}_started", $"Run {runId} started for {artist}.", services.Now, artistId, runId);
            var scope = new RunScope(services, heldLock, artist, artistId, kind, runId);
            scope.Log.Information("Run {RunId} started: {Kind:l} of {Artist:l} on {Host:l}.",
                runId, ImportRunRepository.TypeName(kind), artist, Environment.MachineName);
            return scope;
        }
        catch
        {
            heldLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The running run of whoever holds the lock. A holder records its run a moment after it takes the lock, so one that
    /// has not yet is waited for briefly: processes started together then all name the one that won.
    /// </summary>
    private static ImportRun? RecordedHolder(ArchiveServices services, int artistId, ImportKind kind)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var holder = services.Runs.Running(artistId, kind).LastOrDefault();
            if (holder is not null || waited.Elapsed > HolderRecordWait || !services.Locks.IsHeld(kind, artistId))
            {
                return holder;
            }

            Thread.Sleep(50);
        }
    }

    private static readonly TimeSpan HolderRecordWait = TimeSpan.FromSeconds(5);

    public void ShowDone(int tracks, bool failed)
    {
        Interlocked.Increment(ref showsProcessed);
        Interlocked.Add(ref tracksProcessed, tracks);
        if (failed)
        {
            Interlocked.Increment(ref showsFailed);
        }
    }

    /// <summary>
    /// Says whether Stop-ArchiveImport asked this run to stop (asked before every show, so a run stops within one show),
    /// and records progress at most once a second. <paramref name="beforeHeartbeat"/> runs just before a heartbeat is
    /// written, under the same decision: a caller holding a write transaction on another connection commits it there,
    /// since on SQLite the heartbeat would otherwise wait for that transaction (a separate "is it due?" check could be
    /// overtaken by the clock on a loaded machine, and the heartbeat then waited out the busy timeout on its own caller).
    /// </summary>
    public bool StopRequested(Action? beforeHeartbeat = null)
    {
        lock (gate)
        {
            if (stopRequested || services.Locks.IsStopSignalled(RunId))
            {
                stopRequested = true;
                return true;
            }

            if (services.Now - lastHeartbeat < HeartbeatInterval)
            {
                stopRequested = services.Runs.IsStopRequested(RunId, progress);
                return stopRequested;
            }

            beforeHeartbeat?.Invoke();
            lastHeartbeat = services.Now;
            stopRequested = services.Runs.Heartbeat(RunId, Counts, lastHeartbeat, progress);
            return stopRequested;
        }
    }

    public void Finish(string status, string? message)
    {
        lock (gate)
        {
            if (finished)
            {
                return;
            }

            finished = true;
        }

        LogEnd(status, message);
        try
        {
            services.Runs.Finish(RunId, status, Counts, message, services.Now);
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex))
        {
            // A full disk or a lost server can refuse this last write too; the row then stays "running" without a lock,
            // which the next run of the artist marks as ended without finishing.
            var type = ImportRunRepository.TypeName(Kind);
            throw new ImportRunFailedException(
                $"Run {RunId} ({type} of '{Artist}') ended {status}{(message is null ? "" : $" ({message.TrimEnd('.')})")}, but the catalog " +
                $"database refused to record that: {services.Database.Describe(ex)}. It shows as running until the next " +
                $"{type} of '{Artist}' marks it ended without finishing. Check the database (a full disk, a read-only file, a stopped server), " +
                "then run the command again to resume.", ex);
        }

        try
        {
            services.Activity.Write(status == RunStatus.Failed ? "error" : "info", $"{ImportRunRepository.TypeName(Kind)}_{status}",
                $"Run {RunId} for {Artist} {status}: {Counts.ShowsProcessed} shows ({Counts.ShowsFailed} failed), {Counts.TracksProcessed} tracks." +
                (message is null ? "" : " " + message), services.Now, ArtistId, RunId);
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex))
        {
            // The run's end is recorded; a history line refused by the same full disk must not turn that into a failure of its own.
            Log.Warning("Run {RunId}'s end is recorded, but its activity row was refused: {Problem:l}", RunId, services.Database.Describe(ex));
        }
    }

    private void LogEnd(string status, string? message)
    {
        var level = status switch
        {
            RunStatus.Failed => Serilog.Events.LogEventLevel.Error,
            RunStatus.Cancelled => Serilog.Events.LogEventLevel.Warning,
            _ => Serilog.Events.LogEventLevel.Information,
        };
        var counts = Counts;
        Log.Write(level, "Run {RunId} ended {Status:l} after {Seconds:0.0} s: {Shows} shows ({ShowsFailed} failed), {Tracks} tracks.{Reason:l}",
            RunId, status, (services.Now - started).TotalSeconds, counts.ShowsProcessed, counts.ShowsFailed, counts.TracksProcessed,
            message is null ? "" : " " + message);
    }

    public void Dispose()
    {
        try
        {
            Finish(RunStatus.Failed, "The run ended without reporting an outcome.");
        }
        finally
        {
            progress.Dispose();
            services.Locks.ClearStop(RunId);
            heldLock.Dispose();
        }
    }
}
