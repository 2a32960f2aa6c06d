namespace ArchiveImport.Core.Storage;

public enum ImportKind
{
    Download,
    Populate,
}

/// <summary>
/// One download and one populate per artist at a time, across processes (and, on MySQL, machines). Every lock is
/// released by the operating system or the database server when its holder dies, so none ever needs deleting by hand.
/// </summary>
public interface IImportLocks
{
    /// <summary>The lock, or null when someone else holds it. Dispose it to release.</summary>
    IDisposable? TryAcquire(ImportKind kind, int artistId);

    /// <summary>
    /// A worker's claim on an artist for its whole download and populate (Invoke-ArchiveImportWorker), or null when
    /// another worker holds it. Dispose it to release.
    /// </summary>
    IDisposable? TryClaim(int artistId);

    bool IsHeld(ImportKind kind, int artistId);

    /// <summary>
    /// Tells a run's process to stop through a channel that a busy catalog cannot hold up (a SQLite writer in the middle
    /// of its batches keeps other writers waiting). Does nothing where the catalog itself serves (MySQL's row locks).
    /// </summary>
    void SignalStop(long runId);

    bool IsStopSignalled(long runId);

    /// <summary>Removes the run's stop signal, once the run has ended.</summary>
    void ClearStop(long runId);
}

internal static class ImportLocks
{
    internal static string Name(ImportKind kind, int artistId) => Name(kind.ToString().ToLowerInvariant(), artistId);

    internal static string ClaimName(int artistId) => Name("worker", artistId);

    private static string Name(string purpose, int artistId) => $"archiveimport.{purpose}.{artistId}";
}
