using System.Data;
using System.Data.Common;
using ArchiveImport.Core.Schema;
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
    private readonly TimeSpan busyTimeout;

    internal SqliteCatalogDatabase(DatabaseTarget target, TimeSpan busyTimeout) : base(target) => this.busyTimeout = busyTimeout;

    public override ISqlDialect Dialect { get; } = new SqliteDialect();

    public override bool MigratesOnFirstUse => true;

    public override IImportLocks CreateLocks(string lockDirectory) => new FileLocks(lockDirectory);

    /// <summary>An OS file lock on a file beside the catalog file (archive.db.migration-lock), polled until it is free.</summary>
    internal override IDisposable LockForMigration(TimeSpan timeout)
    {
        var path = Target.SqlitePath + ".migration-lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path) && waited.Elapsed < timeout)
            {
                Thread.Sleep(MigrationLockPoll);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw MigrationLockTimedOut(timeout);
            }
        }
    }

    public override string BackupExtension => ".db";

    /// <summary>The file with its write-ahead log and shared-memory index, which hold recent writes until a checkpoint.</summary>
    public override DatabaseSize MeasureSize()
    {
        var path = Target.SqlitePath!;
        var bytes = new[] { "", "-wal", "-shm" }.Select(suffix => new FileInfo(path + suffix)).Where(f => f.Exists).Sum(f => f.Length);
        return new DatabaseSize(bytes, DiskSpace.FreeBytes(path), path);
    }

    /// <summary>SQLite's online backup: a page-by-page copy of one consistent state, while writers may go on.</summary>
    internal override void WriteBackup(string path)
    {
        using var source = (SqliteConnection)Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
        // The copy inherits the catalog's WAL mode; a backup is one self-contained file.
        destination.Execute("PRAGMA journal_mode=DELETE");
    }

    /// <summary>
    /// Copies the backup's pages over the catalog's. A file that is not a database at all cannot be written to page by
    /// page: it is kept aside (archive.db.damaged-TIME) and the backup copied into a new file.
    /// </summary>
    internal override string? RestoreBackup(string path)
    {
        using var backup = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        backup.Open();
        string? setAside = null;
        SqliteConnection catalog;
        try
        {
            catalog = (SqliteConnection)Open();
        }
        catch (CatalogUnavailableException ex) when (ex.Problem == CatalogProblem.NotADatabase)
        {
            setAside = SetAside();
            catalog = (SqliteConnection)Open();
        }

        using (catalog)
        {
            backup.BackupDatabase(catalog);
        }

        return setAside;
    }

    private string SetAside()
    {
        SqliteConnection.ClearAllPools();
        var aside = $"{Target.SqlitePath}.damaged-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        File.Move(Target.SqlitePath!, aside);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(Target.SqlitePath + suffix))
            {
                File.Move(Target.SqlitePath + suffix, aside + suffix);
            }
        }

        return aside;
    }

    private static readonly TimeSpan MigrationLockPoll = TimeSpan.FromMilliseconds(50);

    internal override void AddMigrationRunner(IMigrationRunnerBuilder runner)
    {
        runner.AddSQLite();
        // FluentMigrator finds a provider by loading its assembly by file; inside the module's private load context that
        // second copy cannot find its own dependencies, so it is handed the provider this assembly already uses.
        runner.Services.AddScoped<SQLiteDbFactory>(provider => new LoadedSqliteFactory(provider));
    }

    private protected override string WhatToCheck => "that the file and its folder can be read and written";

    /// <summary>
    /// Makes sure the SQLite file's folder exists. Inside the home folder (the default var/archivedotorg) a missing
    /// folder is created; anywhere else it is refused, because there a missing folder is far more likely a mistyped
    /// path than a wish for a new, empty catalog.
    /// </summary>
    public override string? EnsureFolder()
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

    private protected override DbConnection OpenConnection()
    {
        EnsureFolder();
        var seconds = (int)Math.Max(1, Math.Ceiling(busyTimeout.TotalSeconds));
        var connection = new SqliteConnection(Target.ConnectionString + $";Default Timeout={seconds}");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL lets readers (health checks) run beside a writer; busy_timeout waits instead of failing on a lock.
            // A 32 MB page cache (the default is 2 MB) keeps a large catalog's indexes in memory while populate adds to them.
            command.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={seconds * 1000}; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is Corrupt)
        {
            connection.Dispose();
            throw Damaged(ex.Message.TrimEnd('.'), ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase)
        {
            connection.Dispose();
            throw new CatalogUnavailableException(
                $"The file {Target.SqlitePath} is not a SQLite database ({ex.Message.TrimEnd('.')}). If -Database or " +
                $"{DatabaseSettingNames} point at the wrong file, correct them; if it is the catalog and it is damaged, " +
                "restore it from a backup or move it aside (a new, empty catalog is then created in its place).",
                ex, CatalogProblem.NotADatabase);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>PRAGMA quick_check</c>: every page, record and index entry is read once (linear in the file's size, about a
    /// second for a few hundred MB; docs/PERFORMANCE.md), so it runs before each import run and health check, not on every
    /// connection. A damaged page otherwise reads as missing rows and a run could "complete" over nothing.
    /// </summary>
    public override void CheckIntegrity()
    {
        if (Target.SqlitePath is not { } path || !File.Exists(path))
        {
            return;
        }

        // quick_check reads every page (~0.1 s at 15,000 shows): a file that has not changed since it last passed in this
        // process is not read again, so a health check polled in one session stays cheap while nothing writes.
        var stamp = Stamp(path);
        if (CheckedStamps.TryGetValue(path, out var passed) && passed == stamp)
        {
            return;
        }

        // A file damaged where opening reads it, or no database at all, is refused by Open already.
        using var connection = Open();
        string problem;
        try
        {
            problem = string.Join("; ", connection.Query<string>("PRAGMA quick_check(3)"));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is Corrupt or NotADatabase)
        {
            problem = ex.Message.TrimEnd('.');
        }

        if (problem != "ok")
        {
            CheckedStamps.TryRemove(path, out _);
            throw Damaged(problem, null);
        }

        CheckedStamps[path] = stamp;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CheckedStamps = new(StringComparer.Ordinal);

    /// <summary>The catalog file and its write-ahead log as they are on disk: sizes and last write times.</summary>
    private static string Stamp(string path)
    {
        static string Of(string file) => File.Exists(file)
            ? $"{new FileInfo(file).Length}:{File.GetLastWriteTimeUtc(file).Ticks}"
            : "-";
        return Of(path) + "|" + Of(path + "-wal");
    }

    private CatalogUnavailableException Damaged(string problem, Exception? inner) => new(
        $"The SQLite catalog {Target.SqlitePath} is damaged (SQLite found: {ColumnText.Clip(problem, 500)}), so nothing was read " +
        "from or written to it. Stop every import using it, restore the file from your latest backup (archive.db, with no " +
        "archive.db-wal or archive.db-shm beside it), then run the command again. Without a backup, move the file aside: an " +
        "empty catalog is created in its place and Invoke-ArchiveDownload | Invoke-ArchivePopulate fills it again.",
        inner, CatalogProblem.NotADatabase);

    public override string Describe(Exception exception) =>
        (exception as SqliteException ?? exception.InnerException as SqliteException) switch
        {
            { SqliteErrorCode: Full } full =>
                $"the disk holding the SQLite catalog {Target.SqlitePath} is full ({full.Message.TrimEnd('.')}); free space there",
            { SqliteErrorCode: Busy or Locked } busy =>
                $"another process kept the SQLite catalog {Target.SqlitePath} locked for writing longer than the busy timeout " +
                $"({busyTimeout.TotalSeconds:0} s, sqliteBusyTimeoutSeconds) ({busy.Message.TrimEnd('.')}); find what holds it open in a " +
                "transaction (a database browser with unsaved changes, a script) and let it finish",
            _ => base.Describe(exception),
        };

    private const int Busy = 5; // SQLITE_BUSY
    private const int Locked = 6; // SQLITE_LOCKED
    private const int Full = 13; // SQLITE_FULL
    private const int Corrupt = 11; // SQLITE_CORRUPT
    private const int NotADatabase = 26; // SQLITE_NOTADB

    private static bool IsInside(string folder, string home)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(home), Path.GetFullPath(folder));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
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

    public IReadOnlyList<string> Tables(IDbConnection connection) =>
        connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name").AsList();

    public string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // SQLite has no DELETE … JOIN; it runs the IN list once and looks each track up by the primary key's index.
    public string DeleteTrackSongsOfShow =>
        "DELETE FROM catalog_track_song WHERE track_id IN (SELECT track_id FROM catalog_track WHERE show_id = @showId)";

    // In process there is no round trip to save; a statement of many rows would bind each of its hundreds of
    // parameters by a search through the statement's names, where one row's statement binds eight.
    public int RowsPerInsert => 1;
}

/// <summary>An exclusive lock on a file (flock on Linux): the OS drops it with the process.</summary>
public sealed class FileLocks : IImportLocks
{
    private readonly string directory;

    public FileLocks(string directory) => this.directory = directory;

    public IDisposable? TryAcquire(ImportKind kind, int artistId) => TryLock(PathFor(ImportLocks.Name(kind, artistId)));

    public IDisposable? TryClaim(int artistId) => TryLock(PathFor(ImportLocks.ClaimName(artistId)));

    private IDisposable? TryLock(string path)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsHeld(ImportKind kind, int artistId)
    {
        if (!File.Exists(PathFor(ImportLocks.Name(kind, artistId))))
        {
            return false;
        }

        using var probe = TryAcquire(kind, artistId);
        return probe is null;
    }

    public void SignalStop(long runId)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(StopPathFor(runId), "");
    }

    public bool IsStopSignalled(long runId) => File.Exists(StopPathFor(runId));

    public void ClearStop(long runId)
    {
        try
        {
            File.Delete(StopPathFor(runId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover signal names a run that has ended: nothing reads it again.
        }
    }

    private string PathFor(string lockName) => Path.Combine(directory, lockName + ".lock");

    private string StopPathFor(long runId) => Path.Combine(directory, $"archiveimport.run.{runId}.stop");
}

/// <summary>FluentMigrator's provider lookup, answered with the provider already loaded beside this assembly.</summary>
internal sealed class LoadedSqliteFactory(IServiceProvider provider) : SQLiteDbFactory(provider)
{
    protected override DbProviderFactory CreateFactory() => SqliteFactory.Instance;
}
