using System.Data.Common;
using ArchiveImport.Core.Settings;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ArchiveImport.Core.Storage;

/// <summary>Opens connections to the catalog and knows its SQL dialect.</summary>
public sealed class CatalogDatabase
{
    static CatalogDatabase() => UtcDateTimeHandler.Register();

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
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt)
        {
            throw new CatalogUnavailableException(
                $"The file {Target.SqlitePath} is not a SQLite database ({ex.Message.TrimEnd('.')}). If -Database or " +
                $"{DatabaseSettingNames} point at the wrong file, correct them; if it is the catalog and it is damaged, " +
                "restore it from a backup or move it aside (a new, empty catalog is then created in its place).",
                ex, CatalogProblem.NotADatabase);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            var check = Target.Engine == DatabaseEngine.MySql
                ? "that the server is reachable and the user may log in"
                : "that the file and its folder can be read and written";
            throw new CatalogUnavailableException(
                $"Cannot open the catalog database ({Target.Display}): {Target.Redact(ex.Message).TrimEnd('.')}. " +
                $"Check ARCHIVEIMPORT_DATABASE (or -Database) and {check}.", ex);
        }
    }

    /// <summary>
    /// Makes sure the SQLite file's folder exists. Inside the home folder (the default var/archivedotorg) a missing
    /// folder is created; anywhere else it is refused, because there a missing folder is far more likely a mistyped
    /// path than a wish for a new, empty catalog. Returns the folder it created, or null when there was nothing to do.
    /// </summary>
    public string? EnsureSqliteFolder()
    {
        if (Target.SqlitePath is not { } path || Path.GetDirectoryName(path) is not { } folder || Directory.Exists(folder))
        {
            return null;
        }

        if (Target.HomeDirectory is not { } home || !IsInside(folder, home))
        {
            throw new CatalogUnavailableException(
                $"The folder {folder} does not exist, so the SQLite catalog {path} cannot be opened or created there. " +
                $"Check the path given by -Database or {DatabaseSettingNames}; if it is right, create the folder first: " +
                $"New-Item -ItemType Directory -Path '{folder.Replace("'", "''", StringComparison.Ordinal)}'.",
                problem: CatalogProblem.FolderMissing);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    private const int Corrupt = 11; // SQLITE_CORRUPT
    private const int NotADatabase = 26; // SQLITE_NOTADB
    private const string DatabaseSettingNames = "ARCHIVEIMPORT_DATABASE ('database' in config/archiveimport.yaml)";

    private static bool IsInside(string folder, string home)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(home), Path.GetFullPath(folder));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
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
        EnsureSqliteFolder();
        var connection = new SqliteConnection(Target.ConnectionString + ";Default Timeout=60");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL lets readers (health checks) run beside a writer; busy_timeout waits instead of failing on a lock.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=60000; PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

/// <summary>Why the catalog cannot be used, so a host can file it under the right error category.</summary>
public enum CatalogProblem
{
    /// <summary>The server or file cannot be reached or opened.</summary>
    Unreachable,

    /// <summary>The SQLite file exists but is not a SQLite database (or is damaged).</summary>
    NotADatabase,

    /// <summary>The SQLite file's folder does not exist outside the home folder: most likely a mistyped path.</summary>
    FolderMissing,
}

/// <summary>The catalog database cannot be reached or opened: nothing can go on.</summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException(string message, Exception? inner = null, CatalogProblem problem = CatalogProblem.Unreachable)
        : base(message, inner) => Problem = problem;

    public CatalogProblem Problem { get; }
}
