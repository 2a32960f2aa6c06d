using System.Data.Common;
using ArchiveImport.Core.Settings;
using FluentMigrator.Runner;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Opens connections to the catalog and holds everything that differs between its database engines: the SQL dialect,
/// how a connection is opened, the import locks, the migration runner and whether the schema is migrated on first
/// use. One subclass per engine (<see cref="SqliteCatalogDatabase"/>, <see cref="MySqlCatalogDatabase"/>); everyone
/// else asks the object instead of testing which engine it is.
/// </summary>
public abstract class CatalogDatabase
{
    private protected const string DatabaseSettingNames = "ARCHIVEIMPORT_DATABASE ('database' in config/archiveimport.yaml)";

    static CatalogDatabase() => UtcDateTimeHandler.Register();

    private protected CatalogDatabase(DatabaseTarget target) => Target = target;

    public DatabaseTarget Target { get; }

    public abstract ISqlDialect Dialect { get; }

    /// <summary>
    /// True for a catalog that is brought up to date whenever it is used (the embedded one); false for a shared one,
    /// which only Update-ArchiveDatabase migrates.
    /// </summary>
    public abstract bool MigratesOnFirstUse { get; }

    /// <summary>The one place that turns the configured engine into its database object.</summary>
    /// <param name="sqliteBusyTimeout">How long a SQLite write waits for another writer (default 60 s).</param>
    public static CatalogDatabase For(DatabaseTarget target, TimeSpan? sqliteBusyTimeout = null) => target.Engine switch
    {
        DatabaseEngine.MySql => new MySqlCatalogDatabase(target),
        _ => new SqliteCatalogDatabase(target, sqliteBusyTimeout ?? TimeSpan.FromSeconds(60)),
    };

    public DbConnection Open()
    {
        try
        {
            return OpenConnection();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new CatalogUnavailableException(
                $"Cannot open the catalog database ({Target.Display}): {Target.Redact(ex.Message).TrimEnd('.')}. " +
                $"Check ARCHIVEIMPORT_DATABASE (or -Database) and {WhatToCheck}.", ex);
        }
    }

    /// <summary>One connection for a run's many short, idempotent statements (see <see cref="SharedConnection"/>), opened when first used.</summary>
    /// <param name="log">Told about each reconnect.</param>
    public SharedConnection OpenShared(Serilog.ILogger? log = null) => new(Open, log);

    /// <summary>
    /// True for an error that the same write may not meet again: a lock wait that timed out or a deadlock, where the
    /// server rolled the statement back so another transaction could go on. False for everything else.
    /// </summary>
    public virtual bool IsTransient(Exception exception) => false;

    /// <summary>
    /// A database error's message for an operator: redacted, and saying in plain words what the engine's code means where
    /// that decides what to do (a SQLite file whose disk is full).
    /// </summary>
    public virtual string Describe(Exception exception) => Target.Redact(exception.Message).Trim().TrimEnd('.');

    /// <summary>
    /// Throws a <see cref="CatalogUnavailableException"/> (<see cref="CatalogProblem.NotADatabase"/>) that says what to do
    /// when the catalog's storage is damaged. Only a file the engine reads unchecked (SQLite) has anything to check; a
    /// server checks its own pages.
    /// </summary>
    public virtual void CheckIntegrity()
    {
    }

    /// <summary>
    /// Makes sure the place the catalog lives in exists, and returns the folder it created (null when there was nothing
    /// to do). Only a file-based catalog has anything to do here.
    /// </summary>
    public virtual string? EnsureFolder() => null;

    /// <summary>The catalog's size, and the free space where it is kept when that is knowable from this machine.</summary>
    public abstract DatabaseSize MeasureSize();

    /// <summary>The locks that keep imports to one download and one populate per artist.</summary>
    public abstract IImportLocks CreateLocks(string lockDirectory);

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until no other process is migrating this catalog and holds that until
    /// disposed, so that of several processes finding the schema out of date only one migrates it. The lock is released
    /// by the operating system or the server if its holder dies.
    /// </summary>
    internal abstract IDisposable LockForMigration(TimeSpan timeout);

    /// <summary>The engine's name as operators know it: SQLite or MySQL.</summary>
    public string EngineName => Target.Engine == DatabaseEngine.MySql ? "MySQL" : "SQLite";

    /// <summary>The file name extension of this engine's backups (a SQLite file, or an SQL dump).</summary>
    public abstract string BackupExtension { get; }

    /// <summary>
    /// Writes a consistent copy of the whole catalog, taken while it stays in use, to the new file <paramref name="path"/>.
    /// </summary>
    internal abstract void WriteBackup(string path);

    /// <summary>
    /// Replaces every table of the catalog with those of the backup at <paramref name="path"/>. Returns where a damaged
    /// catalog that could not be restored in place was kept, or null.
    /// </summary>
    internal abstract string? RestoreBackup(string path);

    /// <summary>Points FluentMigrator's runner at this engine.</summary>
    internal abstract void AddMigrationRunner(IMigrationRunnerBuilder runner);

    private protected CatalogUnavailableException MigrationLockTimedOut(TimeSpan timeout) => new(
        $"Another process has been migrating {Target.Display} for more than {timeout.TotalMinutes:0} minutes. Check what is running " +
        "Update-ArchiveDatabase or an import there, let it finish, then try again.");

    /// <summary>What an operator should check when the catalog cannot be opened, as the end of a sentence.</summary>
    private protected abstract string WhatToCheck { get; }

    /// <summary>An open connection; the driver's exceptions pass through to <see cref="Open"/>.</summary>
    private protected abstract DbConnection OpenConnection();
}

/// <summary>Why the catalog cannot be used, so a host can file it under the right error category.</summary>
public enum CatalogProblem
{
    /// <summary>The server or file cannot be reached or opened.</summary>
    Unreachable,

    /// <summary>The SQLite file exists but is not a SQLite database, or is damaged.</summary>
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
