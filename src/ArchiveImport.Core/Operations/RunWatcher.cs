using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Follows import runs through the catalog alone, so a run started anywhere (cron, another machine sharing the
/// database) can be watched until it ends.
/// </summary>
public sealed class RunWatcher
{
    /// <summary>A running run whose heartbeat is this old and whose lock nobody holds has lost its process.</summary>
    public static readonly TimeSpan SilentFor = TimeSpan.FromSeconds(30);

    private readonly ArchiveServices services;

    public RunWatcher(ArchiveServices services) => this.services = services;

    /// <summary>The runs to watch: those given by id (whatever their state), else the running ones of the artists (or of all).</summary>
    public IReadOnlyList<ImportRun> Select(IReadOnlyList<long>? ids, IReadOnlyList<string>? artists) =>
        ids is { Count: > 0 }
            ? services.Runs.Find(new RunFilter(Ids: ids, Artists: artists))
            : services.Runs.Find(new RunFilter(Artists: artists, Status: RunStatus.Running));

    public IReadOnlyList<ImportRun> Refresh(IReadOnlyCollection<long> ids) => services.Runs.Find(new RunFilter(Ids: ids.ToList()));

    /// <summary>True for a run still marked running whose process is gone (no heartbeat for a while, its lock free).</summary>
    public bool HasLostItsProcess(ImportRun run) =>
        run.Status == RunStatus.Running && services.Now - run.HeartbeatAt > SilentFor && !services.Locks.IsHeld(run.Kind, run.ArtistId);
}
