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

    bool IsHeld(ImportKind kind, int artistId);
}

internal static class ImportLocks
{
    internal static string Name(ImportKind kind, int artistId) => $"archiveimport.{kind.ToString().ToLowerInvariant()}.{artistId}";
}
