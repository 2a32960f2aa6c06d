using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Operations;

/// <summary>A backup of the metadata folder and the artist configs: one zip with a manifest of every file's hash.</summary>
public sealed record ArchiveMetadataBackup(string Path, int Files, long Bytes, string Sha256, DateTime CreatedAt, string Host);

/// <summary>What a metadata restore put back, and where the folders it replaced were kept.</summary>
public sealed record ArchiveMetadataRestore(string Path, int Files, long Bytes, DateTime RestoredAt, IReadOnlyList<string> KeptAside);

/// <summary>One file as the manifest inside a metadata backup lists it.</summary>
public sealed record BackedUpFile(string Path, long Bytes, string Sha256);

/// <summary>
/// Backs up and restores the downloaded metadata (var/archivedotorg/metadata) and the artist configs (config/artists)
/// as one zip. Its manifest.json lists every file with its size and SHA-256; a restore checks each file against it
/// before anything in place is touched, then swaps the restored folders in and keeps the old ones aside.
/// </summary>
public sealed class MetadataBackups
{
    private const string ManifestEntry = "manifest.json";
    private const string MetadataPrefix = "metadata/";
    private const string ConfigPrefix = "config/artists/";

    private readonly ArchiveServices services;

    public MetadataBackups(ArchiveServices services) => this.services = services;

    public string DefaultPath() => System.IO.Path.Combine(
        services.Settings.HomeDirectory, "var", "backups",
        $"metadata-{services.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.zip");

    public ArchiveMetadataBackup Backup(string path, bool overwrite)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!overwrite && File.Exists(path))
        {
            throw new DatabaseBackupException($"{path} already exists. Give another -Path, or -Force to replace it.", BackupProblem.Invalid);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}{AtomicFile.TemporarySuffix}";
        try
        {
            var files = new List<BackedUpFile>();
            using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                AddFolder(zip, services.Settings.MetadataDirectory, MetadataPrefix, files);
                AddFolder(zip, services.Settings.ArtistConfigDirectory, ConfigPrefix, files);
                using var manifest = zip.CreateEntry(ManifestEntry).Open();
                JsonSerializer.Serialize(manifest, files);
            }

            var backup = new ArchiveMetadataBackup(path, files.Count, files.Sum(f => f.Bytes), DatabaseBackups.Sha256Of(partial), services.Now, Environment.MachineName);
            File.Move(partial, path, overwrite: true);
            return backup;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseBackupException(
                $"Backing up the metadata to {path} failed: {ex.Message.TrimEnd('.')}. Nothing was written there; check the folder's free space " +
                "and permissions, then try again.", BackupProblem.Failed, ex);
        }
        finally
        {
            AtomicFile.TryDelete(partial);
        }
    }

    /// <summary>
    /// Extracts the backup beside the folders it replaces, checking every file against the manifest; only when all
    /// match are the current folders moved aside (name.before-restore-TIME) and the restored ones moved in.
    /// </summary>
    public ArchiveMetadataRestore Restore(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new DatabaseBackupException($"There is no metadata backup at {path}.", BackupProblem.NotFound);
        }

        var targets = new[] { (Prefix: MetadataPrefix, Folder: services.Settings.MetadataDirectory), (Prefix: ConfigPrefix, Folder: services.Settings.ArtistConfigDirectory) };
        var staging = targets.Select(t => (t.Prefix, t.Folder, Staged: $"{t.Folder}.restore-{Guid.NewGuid():N}")).ToList();
        try
        {
            var files = Extract(path, staging.Select(s => (s.Prefix, s.Staged)).ToList());
            using var paused = ImportPause.Begin(services);
            var stamp = services.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var keptAside = new List<string>();
            foreach (var (_, folder, staged) in staging)
            {
                var aside = $"{folder}.before-restore-{stamp}";
                var hadFolder = Directory.Exists(folder);
                if (hadFolder)
                {
                    Directory.Move(folder, aside);
                }

                try
                {
                    Directory.Move(staged, folder);
                }
                catch when (hadFolder)
                {
                    Directory.Move(aside, folder); // put the old folder back rather than leave none
                    throw;
                }

                if (hadFolder)
                {
                    keptAside.Add(aside);
                }
            }

            return new ArchiveMetadataRestore(path, files.Count, files.Sum(f => f.Bytes), services.Now, keptAside);
        }
        catch (InvalidDataException ex)
        {
            throw new DatabaseBackupException($"{path} is not a readable zip ({ex.Message.TrimEnd('.')}). Use another backup.", BackupProblem.Invalid, ex);
        }
        finally
        {
            foreach (var (_, _, staged) in staging.Where(s => Directory.Exists(s.Staged)))
            {
                Directory.Delete(staged, recursive: true);
            }
        }
    }

    private static List<BackedUpFile> Extract(string path, IReadOnlyList<(string Prefix, string Staged)> targets)
    {
        using var zip = ZipFile.OpenRead(path);
        var manifest = zip.GetEntry(ManifestEntry) ?? throw Invalid(path, "it holds no manifest.json");
        List<BackedUpFile> files;
        try
        {
            using var stream = manifest.Open();
            files = JsonSerializer.Deserialize<List<BackedUpFile>>(stream) ?? throw Invalid(path, "its manifest is empty");
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"its manifest cannot be read ({ex.Message})");
        }

        var listed = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (zip.Entries.FirstOrDefault(e => e.FullName != ManifestEntry && !listed.Contains(e.FullName)) is { } extra)
        {
            throw Invalid(path, $"it holds {extra.FullName}, which its manifest does not list");
        }

        foreach (var (_, staged) in targets)
        {
            Directory.CreateDirectory(staged);
        }

        foreach (var file in files)
        {
            var (prefix, staged) = targets.FirstOrDefault(t => file.Path.StartsWith(t.Prefix, StringComparison.Ordinal));
            var relative = prefix is null ? null : file.Path[prefix.Length..];
            if (relative is null || relative.Length == 0 || relative.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw Invalid(path, $"its manifest lists {file.Path}, which is outside the metadata and config folders");
            }

            var entry = zip.GetEntry(file.Path) ?? throw Invalid(path, $"{file.Path} is listed in its manifest but missing");
            var destination = System.IO.Path.Combine(staged!, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            using (var source = entry.Open())
            using (var target = File.Create(destination))
            {
                var (bytes, sha256) = HashingCopy.Copy(source, target);
                if (bytes != file.Bytes || sha256 != file.Sha256)
                {
                    throw Invalid(path, $"{file.Path} does not match its manifest (size or SHA-256 differ): the backup changed or was damaged");
                }
            }
        }

        return files;
    }

    private static void AddFolder(ZipArchive zip, string folder, string prefix, List<BackedUpFile> files)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal))
            {
                continue; // a killed run's leftover, never a file of its own
            }

            var name = prefix + System.IO.Path.GetRelativePath(folder, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            using var source = File.OpenRead(file);
            using var target = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            var (bytes, sha256) = HashingCopy.Copy(source, target);
            files.Add(new BackedUpFile(name, bytes, sha256));
        }
    }

    private static DatabaseBackupException Invalid(string path, string why) =>
        new($"{path} cannot be restored: {why}. Nothing in place was changed; use another backup.", BackupProblem.Invalid);
}
