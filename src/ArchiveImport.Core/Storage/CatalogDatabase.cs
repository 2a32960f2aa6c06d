using System.Data.Common;
using ArchiveImport.Core.Settings;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ArchiveImport.Core.Storage;

/// <summary>Opens connections to the catalog and knows its SQL dialect.</summary>
public sealed class CatalogDatabase
{
    public CatalogDatabase(DatabaseTarget target)
    {
        Target = target;
        Dialect = target.Engine == DatabaseEngine.MySql ? new MySqlDialect() : new SqliteDialect();
    }

    public DatabaseTarget Target { get; }

    public ISqlDialect Dialect { get; }

    public DbConnection Open()
    {
        try
        {
            return Target.Engine == DatabaseEngine.MySql ? OpenMySql() : OpenSqlite();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new CatalogUnavailableException(
                $"Cannot open the catalog database ({Target.Display}): {Target.Redact(ex.Message)} " +
                "Check ARCHIVEIMPORT_DATABASE (or -Database) and that the server is reachable.", ex);
        }
    }

    private MySqlConnection OpenMySql()
    {
        // Every timestamp is passed in as a UTC value and DATETIME keeps it as given, so the session's time zone
        // never matters to what is stored (operators' NOW() queries want a UTC server, see docs/RUNBOOK.md).
        var connection = new MySqlConnection(Target.ConnectionString);
        connection.Open();
        return connection;
    }

    private SqliteConnection OpenSqlite()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target.SqlitePath!)!);
        var connection = new SqliteConnection(Target.ConnectionString + ";Default Timeout=60");
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers (health checks) run beside a writer; busy_timeout waits instead of failing on a lock.
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=60000; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>The catalog database cannot be reached or opened: nothing can go on.</summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
