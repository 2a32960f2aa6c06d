using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>A backup of the catalog database, as its manifest describes it.</summary>
public sealed record ArchiveDatabaseBackup(
    string Path, string Engine, string Database, long SchemaVersion, long Bytes, string Sha256, DateTime CreatedAt, string Host);

/// <summary>What a restore put back: the backup, and every table of the catalog afterwards.</summary>
public sealed record ArchiveDatabaseRestore(
    string Path, string Engine, string Database, long SchemaVersion, IReadOnlyList<TableFingerprint> Tables, DateTime RestoredAt,
    string? DamagedCatalogKeptAt)
{
    public int TableCount => Tables.Count;
    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>Why a backup could not be made, checked or restored.</summary>
public enum BackupProblem
{
    NotFound,
    Invalid,
    ImportRunning,
    ToolMissing,
    Failed,
}

public sealed class DatabaseBackupException(string message, BackupProblem problem, Exception? inner = null) : Exception(message, inner)
{
    public BackupProblem Problem { get; } = problem;
}

/// <summary>
/// Backs the catalog database up and restores it. A backup is the engine's own copy (a SQLite file, or a mariadb-dump
/// SQL file) and beside it a manifest (<c>NAME.manifest.json</c>) with its engine, schema version, size and SHA-256, so
/// a restore can refuse a file that changed, a backup of another engine, or a schema newer than this module.
/// </summary>
public sealed class DatabaseBackups
{
    public const string ManifestSuffix = ".manifest.json";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    private readonly ArchiveServices services;

    public DatabaseBackups(ArchiveServices services) => this.services = services;

    /// <summary>The default backup file: var/backups/archive-TIME.EXT in the home folder.</summary>
    public string DefaultPath() => System.IO.Path.Combine(
        services.Settings.HomeDirectory, "var", "backups",
        $"archive-{services.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}{services.Database.BackupExtension}");

    public ArchiveDatabaseBackup Backup(string path, bool overwrite)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!overwrite && (File.Exists(path) || File.Exists(path + ManifestSuffix)))
        {
            throw new DatabaseBackupException(
                $"{path} already exists. Give another -Path, or -Force to replace it.", BackupProblem.Invalid);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var schemaVersion = services.Schema.GetStatus().CurrentVersion;
        try
        {
            ArchiveDatabaseBackup? backup = null;
            AtomicFile.WriteWith(path, services.Database.WriteBackup, written => backup = new ArchiveDatabaseBackup(
                path, services.Database.EngineName, services.Database.Target.Display, schemaVersion,
                new FileInfo(written).Length, Sha256Of(written), services.Now, Environment.MachineName));
            AtomicFile.Write(path + ManifestSuffix, JsonSerializer.SerializeToUtf8Bytes(backup!, ManifestJson));
            return backup!;
        }
        catch (Exception ex) when (ex is MySqlClientToolMissingException)
        {
            throw new DatabaseBackupException(ex.Message, BackupProblem.ToolMissing, ex);
        }
        catch (Exception ex) when (ex is MySqlClientToolException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new DatabaseBackupException(
                $"Backing up {services.Database.Target.Display} to {path} failed: {services.Database.Target.Redact(ex.Message).TrimEnd('.')}. " +
                "Nothing was written there; check the folder's free space and permissions, then try again.", BackupProblem.Failed, ex);
        }
    }

    /// <summary>Reads a backup's manifest and proves the file is the one it describes, for this catalog's engine.</summary>
    public ArchiveDatabaseBackup Verify(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new DatabaseBackupException($"There is no backup at {path}.", BackupProblem.NotFound);
        }

        var backup = ReadManifest(path);
        if (backup.Engine != services.Database.EngineName)
        {
            throw new DatabaseBackupException(
                $"{path} is a backup of a {backup.Engine} catalog ({backup.Database}); this catalog is {services.Database.Target.Display}. " +
                "Restore it into a catalog of the same engine.", BackupProblem.Invalid);
        }

        if (new FileInfo(path).Length != backup.Bytes || Sha256Of(path) != backup.Sha256)
        {
            throw new DatabaseBackupException(
                $"{path} is not the file its manifest describes (size or SHA-256 differ): it changed or was damaged after the backup was made " +
                $"at {backup.CreatedAt:u}. Use another backup.", BackupProblem.Invalid);
        }

        if (backup.SchemaVersion > SchemaMigrator.LatestVersion)
        {
            throw new DatabaseBackupException(
                $"{path} holds schema version {backup.SchemaVersion}; this module knows versions up to {SchemaMigrator.LatestVersion}. " +
                "Restore it with the module version that made it (or a newer one).", BackupProblem.Invalid);
        }

        return backup with { Path = path }; // the manifest names where it was made; it may have been moved since
    }

    /// <summary>
    /// Verifies the backup, then replaces the catalog with it while holding every artist's import locks, so no import
    /// runs during the restore and none can start.
    /// </summary>
    public ArchiveDatabaseRestore Restore(string path)
    {
        var backup = Verify(path);
        using var paused = ImportPause.Begin(services);
        string? setAside;
        try
        {
            setAside = services.Database.RestoreBackup(backup.Path);
        }
        catch (Exception ex) when (ex is MySqlClientToolMissingException)
        {
            throw new DatabaseBackupException(ex.Message, BackupProblem.ToolMissing, ex);
        }
        catch (Exception ex) when (ex is MySqlClientToolException or IOException or Microsoft.Data.Sqlite.SqliteException or System.Data.Common.DbException)
        {
            throw new DatabaseBackupException(
                $"Restoring {backup.Path} into {services.Database.Target.Display} failed: {services.Database.Target.Redact(ex.Message).TrimEnd('.')}. " +
                "The catalog may hold part of the backup: fix the cause and run Restore-ArchiveDatabase again with the same backup.",
                BackupProblem.Failed, ex);
        }

        return new ArchiveDatabaseRestore(
            backup.Path, backup.Engine, services.Database.Target.Display, services.Schema.GetStatus().CurrentVersion,
            TableFingerprints.Read(services.Database), services.Now, setAside);
    }

    private static ArchiveDatabaseBackup ReadManifest(string path)
    {
        var manifest = path + ManifestSuffix;
        if (!File.Exists(manifest))
        {
            throw new DatabaseBackupException(
                $"{path} has no manifest ({System.IO.Path.GetFileName(manifest)}) beside it, so it cannot be verified. Backup-ArchiveDatabase " +
                "writes one with every backup; restore a backup made by it.", BackupProblem.Invalid);
        }

        try
        {
            return JsonSerializer.Deserialize<ArchiveDatabaseBackup>(File.ReadAllBytes(manifest))
                ?? throw new JsonException("the manifest is empty");
        }
        catch (JsonException ex)
        {
            throw new DatabaseBackupException($"The manifest {manifest} cannot be read ({ex.Message}); the backup cannot be verified.", BackupProblem.Invalid, ex);
        }
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
