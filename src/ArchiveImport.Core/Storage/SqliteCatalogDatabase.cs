using System.Data;
using System.Data.Common;
using ArchiveImport.Core.Settings;
using Dapper;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Processors.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// The embedded catalog: a SQLite file on this machine. Private to its home folder, so it is migrated on first use;
/// imports are locked with OS file locks.
/// </summary>
public sealed class SqliteCatalogDatabase : CatalogDatabase
{
    internal SqliteCatalogDatabase(DatabaseTarget target) : base(target)
    {
    }

    public override ISqlDialect Dialect { get; } = new SqliteDialect();

    public override bool MigratesOnFirstUse => true;

    public override IImportLocks CreateLocks(string lockDirectory) => new FileLocks(lockDirectory);

    internal override void AddMigrationRunner(IMigrationRunnerBuilder runner)
    {
        runner.AddSQLite();
        // FluentMigrator finds a provider by loading its assembly by file; inside the module's private load context that
        // second copy cannot find its own dependencies, so it is handed the provider this assembly already uses.
        runner.Services.AddScoped<SQLiteDbFactory>(provider => new LoadedSqliteFactory(provider));
    }

    private protected override DbConnection OpenConnection()
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

public sealed class SqliteDialect : ISqlDialect
{
    public string LastInsertId => "SELECT last_insert_rowid()";

    public string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO " +
        (updateColumns.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}")));

    public string UpsertAdding(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> counterColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET " +
        string.Join(", ", counterColumns.Select(c => $"{c} = {table}.{c} + excluded.{c}"));

    public bool TableExists(IDbConnection connection, string table) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) > 0;
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

/// <summary>FluentMigrator's provider lookup, answered with the provider already loaded beside this assembly.</summary>
internal sealed class LoadedSqliteFactory(IServiceProvider provider) : SQLiteDbFactory(provider)
{
    protected override DbProviderFactory CreateFactory() => SqliteFactory.Instance;
}
