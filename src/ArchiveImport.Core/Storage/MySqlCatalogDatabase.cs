using System.Data;
using System.Data.Common;
using ArchiveImport.Core.Settings;
using Dapper;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Processors.MySql;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// A catalog on a MySQL/MariaDB server, shared by workers on several machines: its schema changes only on purpose
/// (Update-ArchiveDatabase), and imports are locked with server-side named locks.
/// </summary>
public sealed class MySqlCatalogDatabase : CatalogDatabase
{
    internal MySqlCatalogDatabase(DatabaseTarget target) : base(target)
    {
    }

    public override ISqlDialect Dialect { get; } = new MySqlDialect();

    public override bool MigratesOnFirstUse => false;

    public override IImportLocks CreateLocks(string lockDirectory) => new MySqlNamedLocks(this);

    /// <summary>
    /// The schema's data and indexes as the server estimates them. Free space only for a server on this machine (its data
    /// folder is then a local path); a remote server's disk cannot be seen from here.
    /// </summary>
    public override DatabaseSize MeasureSize()
    {
        using var connection = Open();
        var bytes = connection.ExecuteScalar<long>(
            "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.TABLES WHERE table_schema = DATABASE()");
        var builder = new MySqlConnectionStringBuilder(Target.ConnectionString);
        long? free = null;
        if (IsThisMachine(builder.Server) && connection.ExecuteScalar<string>("SELECT @@datadir") is { } dataFolder && Directory.Exists(dataFolder))
        {
            free = DiskSpace.FreeBytes(dataFolder);
        }

        return new DatabaseSize(bytes, free, $"schema {builder.Database} on {builder.Server}");
    }

    private static bool IsThisMachine(string server) =>
        server is "localhost" or "127.0.0.1" or "::1" || string.Equals(server, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A named server lock (GET_LOCK) on a connection of its own, named after the database, so that migrations of one
    /// database wait for each other and those of other databases on the same server do not.
    /// </summary>
    internal override IDisposable LockForMigration(TimeSpan timeout)
    {
        // Not pooled: a pooled connection would go back to the pool still holding the lock.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(Target.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
            const string Name = "LEFT(CONCAT('archiveimport.migration.', DATABASE()), 64)";
            var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
            if (connection.ExecuteScalar<long?>($"SELECT GET_LOCK({Name}, @seconds)", new { seconds }, commandTimeout: seconds + 30) != 1)
            {
                throw MigrationLockTimedOut(timeout);
            }

            return new HeldMigrationLock(connection, Name);
        }
        catch (MySqlException ex)
        {
            connection.Dispose();
            throw new CatalogUnavailableException(
                $"Cannot take the migration lock on {Target.Display}: {Target.Redact(ex.Message).TrimEnd('.')}. Check that the server is reachable, then try again.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class HeldMigrationLock(MySqlConnection connection, string name) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                connection.ExecuteScalar($"SELECT RELEASE_LOCK({name})");
            }
            catch (MySqlException)
            {
                // Closing the connection below releases it all the same.
            }

            connection.Dispose();
        }
    }

    public override string BackupExtension => ".sql";

    /// <summary>A dump by mariadb-dump (or mysqldump) in one consistent-snapshot transaction, while writers go on.</summary>
    internal override void WriteBackup(string path) => new MySqlClientTools(Target).Dump(path);

    /// <summary>
    /// Drops the tables the backup does not hold (added since by a newer migration), then loads the dump, which drops and
    /// re-creates each of its own tables.
    /// </summary>
    internal override string? RestoreBackup(string path)
    {
        var tools = new MySqlClientTools(Target);
        var tablesInBackup = TablesCreatedBy(path);
        using (var connection = Open())
        {
            var extra = Dialect.Tables(connection).Where(table => !tablesInBackup.Contains(table)).ToList();
            if (extra.Count > 0)
            {
                connection.Execute("SET FOREIGN_KEY_CHECKS = 0; DROP TABLE " + string.Join(", ", extra.Select(Dialect.Quote)) + "; SET FOREIGN_KEY_CHECKS = 1;");
            }
        }

        tools.Load(path);
        return null;
    }

    private static HashSet<string> TablesCreatedBy(string dumpFile)
    {
        const string Create = "CREATE TABLE `";
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dumpFile))
        {
            if (line.StartsWith(Create, StringComparison.Ordinal) && line.IndexOf('`', Create.Length) is var end and > 0)
            {
                tables.Add(line[Create.Length..end].Replace("``", "`", StringComparison.Ordinal));
            }
        }

        return tables;
    }

    internal override void AddMigrationRunner(IMigrationRunnerBuilder runner)
    {
        runner.AddMySql5();
        // FluentMigrator finds a provider by loading its assembly by file; inside the module's private load context that
        // second copy cannot find its own dependencies, so it is handed the provider this assembly already uses.
        runner.Services.AddScoped<MySqlDbFactory>(provider => new LoadedMySqlFactory(provider));
    }

    private protected override string WhatToCheck => "that the server is reachable and the user may log in";

    public override bool IsTransient(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.LockDeadlock };

    private protected override DbConnection OpenConnection()
    {
        // Every timestamp is passed in as a UTC value and DATETIME keeps it as given, so the session's time zone
        // never matters to what is stored (operators' NOW() queries want a UTC server, see docs/RUNBOOK.md).
        var connection = new MySqlConnection(Target.ConnectionString);
        connection.Open();
        return connection;
    }
}

public sealed class MySqlDialect : ISqlDialect
{
    public string LastInsertId => "SELECT LAST_INSERT_ID()";

    public string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        "ON DUPLICATE KEY UPDATE " +
        (updateColumns.Count == 0
            ? $"{keyColumns[0]} = {keyColumns[0]}"
            : string.Join(", ", updateColumns.Select(c => $"{c} = VALUES({c})")));

    public string UpsertAdding(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> counterColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        "ON DUPLICATE KEY UPDATE " + string.Join(", ", counterColumns.Select(c => $"{c} = {c} + VALUES({c})"));

    public bool TableExists(IDbConnection connection, string table) =>
        connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @table", new { table }) > 0;

    public IReadOnlyList<string> Tables(IDbConnection connection) =>
        connection.Query<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name").AsList();

    public string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    // MariaDB before 11.1 runs a single-table DELETE … WHERE track_id IN (subquery) as a scan of every track song,
    // checking the subquery per row; the multi-table form joins from the show's tracks instead.
    public string DeleteTrackSongsOfShow =>
        "DELETE ts FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id WHERE t.show_id = @showId";

    // Each statement is a round trip to the server: a show's rows go in one.
    public int RowsPerInsert => 200;
}

/// <summary>
/// A MySQL/MariaDB named lock (GET_LOCK) on a connection of its own, held for the run's life. Lock names are
/// server-wide, so each carries the database's name: catalogs sharing a server never wait for each other.
/// </summary>
public sealed class MySqlNamedLocks : IImportLocks
{
    // At most 64 characters: a long database name is cut at the end, never the artist the lock is for.
    private const string ScopedName = "LEFT(CONCAT(@name, '.', DATABASE()), 64)";

    private readonly CatalogDatabase database;

    public MySqlNamedLocks(CatalogDatabase database) => this.database = database;

    public IDisposable? TryAcquire(ImportKind kind, int artistId) => TryLock(ImportLocks.Name(kind, artistId));

    public IDisposable? TryClaim(int artistId) => TryLock(ImportLocks.ClaimName(artistId));

    /// <summary>The longest wait_timeout the server takes (a year): a lock's connection sends nothing while its run works.</summary>
    private const int IdleLockSeconds = 31_536_000;

    private IDisposable? TryLock(string name)
    {
        // Not pooled: a pooled connection would go back to the pool still holding the lock. TCP keep-alive lets the server
        // see a vanished client (and free its lock) although the session itself never times out for being idle.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(database.Target.ConnectionString) { Pooling = false, Keepalive = 60 }.ConnectionString);
        try
        {
            connection.Open();
            // The server would otherwise close the idle connection after wait_timeout, and the lock with it, mid-run.
            connection.Execute($"SET SESSION wait_timeout = {IdleLockSeconds}");
            if (connection.ExecuteScalar<long?>($"SELECT GET_LOCK({ScopedName}, 0)", new { name }) == 1)
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
        return connection.ExecuteScalar<long?>($"SELECT IS_USED_LOCK({ScopedName})", new { name = ImportLocks.Name(kind, artistId) }) is not null;
    }

    // The run row is the stop signal here: a populate's transaction never holds it, so Stop-ArchiveImport's write gets in.
    public void SignalStop(long runId)
    {
    }

    public bool IsStopSignalled(long runId) => false;

    public void ClearStop(long runId)
    {
    }

    private sealed class HeldLock(MySqlConnection connection, string name) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                connection.ExecuteScalar($"SELECT RELEASE_LOCK({ScopedName})", new { name });
            }
            catch (MySqlException)
            {
                // Closing the connection below releases it all the same.
            }

            connection.Dispose();
        }
    }
}

/// <summary>FluentMigrator's provider lookup, answered with the provider already loaded beside this assembly.</summary>
internal sealed class LoadedMySqlFactory(IServiceProvider provider) : MySqlDbFactory(provider)
{
    protected override DbProviderFactory CreateFactory() => MySqlConnectorFactory.Instance;
}
