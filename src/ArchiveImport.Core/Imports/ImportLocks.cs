using ArchiveImport.Core.Storage;
using Dapper;
using MySqlConnector;

namespace ArchiveImport.Core.Imports;

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

public static class ImportLocks
{
    public static IImportLocks For(CatalogDatabase database, string lockDirectory) =>
        database.Target.Engine == Settings.DatabaseEngine.MySql
            ? new MySqlNamedLocks(database)
            : new FileLocks(lockDirectory);

    internal static string Name(ImportKind kind, int artistId) => $"archiveimport.{kind.ToString().ToLowerInvariant()}.{artistId}";
}

/// <summary>An exclusive lock on a file (flock on Linux): the OS drops it with the process.</summary>
public sealed class FileLocks : IImportLocks
{
    private readonly string directory;

    public FileLocks(string directory) => this.directory = directory;

    public IDisposable? TryAcquire(ImportKind kind, int artistId)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new FileStream(PathFor(kind, artistId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsHeld(ImportKind kind, int artistId)
    {
        if (!File.Exists(PathFor(kind, artistId)))
        {
            return false;
        }

        using var probe = TryAcquire(kind, artistId);
        return probe is null;
    }

    private string PathFor(ImportKind kind, int artistId) => Path.Combine(directory, ImportLocks.Name(kind, artistId) + ".lock");
}

/// <summary>A MySQL/MariaDB named lock (GET_LOCK) on a connection of its own, held for the run's life.</summary>
public sealed class MySqlNamedLocks : IImportLocks
{
    private readonly CatalogDatabase database;

    public MySqlNamedLocks(CatalogDatabase database) => this.database = database;

    public IDisposable? TryAcquire(ImportKind kind, int artistId)
    {
        // Not pooled: a pooled connection would go back to the pool still holding the lock.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(database.Target.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
            var name = ImportLocks.Name(kind, artistId);
            if (connection.ExecuteScalar<long?>("SELECT GET_LOCK(@name, 0)", new { name }) == 1)
            {
                return new HeldLock(connection, name);
            }

            connection.Dispose();
            return null;
        }
        catch (MySqlException ex)
        {
            connection.Dispose();
            throw new CatalogUnavailableException(
                $"Cannot take the import lock on {database.Target.Display}: {database.Target.Redact(ex.Message).TrimEnd('.')}. Check that the server is reachable, then try again.", ex);
        }
    }

    public bool IsHeld(ImportKind kind, int artistId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT IS_USED_LOCK(@name)", new { name = ImportLocks.Name(kind, artistId) }) is not null;
    }

    private sealed class HeldLock(MySqlConnection connection, string name) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                connection.ExecuteScalar("SELECT RELEASE_LOCK(@name)", new { name });
            }
            catch (MySqlException)
            {
                // Closing the connection below releases it all the same.
            }

            connection.Dispose();
        }
    }
}
