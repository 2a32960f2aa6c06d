using System.IO.Compression;
using System.Text.Json;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Backup-ArchiveMetadata and Restore-ArchiveMetadata on real folders.</summary>
public sealed class MetadataBackupTests
{
    [Fact]
    public async Task A_restore_brings_back_every_metadata_file_and_config_byte_for_byte_and_keeps_the_replaced_folders()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        var before = Snapshot(home);
        var path = Path.Combine(home.Path, "m.zip");

        var backup = new MetadataBackups(services).Backup(path, overwrite: false);

        Assert.Equal(before.Count, backup.Files);
        Assert.Contains(before.Keys, k => k.StartsWith("metadata/Grateful Dead/", StringComparison.Ordinal));
        File.Delete(Directory.GetFiles(Path.Combine(home.MetadataDirectory, "Grateful Dead"))[0]);
        File.AppendAllText(Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml"), "\n# changed\n");
        File.WriteAllText(Path.Combine(home.MetadataDirectory, "stray.json"), "{}");

        var restored = new MetadataBackups(services).Restore(path);

        Assert.Equal(before, Snapshot(home));
        Assert.Equal(2, restored.KeptAside.Count);
        Assert.True(File.Exists(Path.Combine(restored.KeptAside[0], "stray.json")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(home.MetadataDirectory)!, "*.restore-*"));
    }

    [Fact]
    public async Task A_backup_whose_file_changed_or_that_reaches_outside_its_folders_is_refused_and_nothing_in_place_changes()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        var path = Path.Combine(home.Path, "m.zip");
        new MetadataBackups(services).Backup(path, overwrite: false);
        var before = Snapshot(home);

        var changed = Path.Combine(home.Path, "changed.zip");
        File.Copy(path, changed);
        using (var zip = ZipFile.Open(changed, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("metadata/", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("{\"tampered\": true}");
        }

        var escaping = Path.Combine(home.Path, "escaping.zip");
        using (var zip = ZipFile.Open(escaping, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("metadata/../../evil.json").Open()))
            {
                writer.Write("{}");
            }

            using var manifest = zip.CreateEntry("manifest.json").Open();
            JsonSerializer.Serialize(manifest, new[] { new BackedUpFile("metadata/../../evil.json", 2, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a") });
        }

        var tampered = Assert.Throws<DatabaseBackupException>(() => new MetadataBackups(services).Restore(changed));
        var outside = Assert.Throws<DatabaseBackupException>(() => new MetadataBackups(services).Restore(escaping));

        Assert.Contains("does not match its manifest", tampered.Message, StringComparison.Ordinal);
        Assert.Contains("outside the metadata and config folders", outside.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(home));
        Assert.False(File.Exists(Path.Combine(home.Path, "var", "evil.json")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(home.MetadataDirectory)!, "*.restore-*"));
    }

    [Fact]
    public async Task A_metadata_restore_is_refused_while_an_import_holds_its_lock()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        var path = Path.Combine(home.Path, "m.zip");
        new MetadataBackups(services).Backup(path, overwrite: false);
        var artistId = services.Artists.Find("Grateful Dead")!.Value;

        using (services.Locks.TryAcquire(ImportKind.Download, artistId))
        {
            var ex = Assert.Throws<DatabaseBackupException>(() => new MetadataBackups(services).Restore(path));
            Assert.Equal(BackupProblem.ImportRunning, ex.Problem);
        }

        var restored = new MetadataBackups(services).Restore(path);
        Assert.All(restored.KeptAside, kept => Assert.True(Directory.Exists(kept)));
    }

    private static async Task<ArchiveServices> DownloadedAsync(TestHome home)
    {
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest("Grateful Dead"), new RecordingReporter(), CancellationToken.None);
        return services;
    }

    private static Dictionary<string, string> Snapshot(TestHome home) =>
        new[] { ("metadata/", home.MetadataDirectory), ("config/artists/", home.ArtistConfigDirectory) }
            .SelectMany(t => Directory.EnumerateFiles(t.Item2, "*", SearchOption.AllDirectories)
                .Select(f => (Key: t.Item1 + Path.GetRelativePath(t.Item2, f).Replace('\\', '/'), Hash: Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))))
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Hash);
}
