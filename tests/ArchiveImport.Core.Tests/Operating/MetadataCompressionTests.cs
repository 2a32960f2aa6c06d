using System.IO.Compression;
using System.Security.Cryptography;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Compress-ArchiveMetadata: old loose files into a verified zip per artist, read back by populate, on both engines.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MetadataCompressionTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public MetadataCompressionTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Old_files_are_packed_verified_and_removed_and_populate_reads_every_show_from_the_zip(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await DownloadedAsync(home);
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var loose = Hashes(folder);
        var identifiers = loose.Keys.Select(f => Path.GetFileNameWithoutExtension(f)!).ToList();
        Age(services, identifiers[0], days: 100);
        Age(services, identifiers[1], days: 10);

        var (packed, problems) = new MetadataCompression(services).Compress(90, null, (_, _) => true);

        Assert.Empty(problems);
        var result = Assert.Single(packed);
        Assert.Equal((Artist, 1, 1), (result.Artist, result.FilesPacked, result.FilesInZip));
        Assert.Equal(new FileInfo(result.ZipPath).Length, result.BytesAfter);
        Assert.Equal(loose[identifiers[0] + ".json"], ZipHashes(result.ZipPath)[identifiers[0] + ".json"]);
        Assert.False(File.Exists(Path.Combine(folder, identifiers[0] + ".json")));
        Assert.True(File.Exists(Path.Combine(folder, identifiers[1] + ".json")));

        Age(services, identifiers[1], days: 100);
        var second = Assert.Single(new MetadataCompression(services).Compress(90, Artist, (_, _) => true).Packed);
        Assert.Equal((1, 2), (second.FilesPacked, second.FilesInZip));
        Assert.Equal(loose, ZipHashes(second.ZipPath));
        Assert.Equal([MetadataPackName], Directory.GetFiles(folder).Select(Path.GetFileName));

        var populated = Populate(services, identifiers);
        Assert.All(populated, p => Assert.Equal(PopulateStatus.Populated, p.Status));
        Assert.Equal([MetadataPackName], Directory.GetFiles(folder).Select(Path.GetFileName)); // read from the zip, not unpacked
    }

    [Fact]
    public async Task A_loose_file_wins_over_its_zipped_copy_and_the_next_compress_replaces_the_entry()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var name = Path.GetFileName(Directory.GetFiles(folder)[0]);
        var before = File.ReadAllBytes(Path.Combine(folder, name));
        AgeAll(services);
        var zip = Assert.Single(new MetadataCompression(services).Compress(90, null, (_, _) => true).Packed).ZipPath;
        var newer = before.Concat("\n"u8.ToArray()).ToArray();
        File.WriteAllBytes(Path.Combine(folder, name), newer);

        Assert.Single(new MetadataCompression(services).Compress(90, null, (_, _) => true).Packed);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(newer)), ZipHashes(zip)[name]);
        Assert.False(File.Exists(Path.Combine(folder, name)));
    }

    [Fact]
    public async Task WhatIf_and_a_held_import_lock_change_nothing()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        AgeAll(services);
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var before = Hashes(folder);
        var asked = new List<string>();

        var whatIf = new MetadataCompression(services).Compress(90, null, (target, action) =>
        {
            asked.Add($"{target}: {action}");
            return false;
        });
        (IReadOnlyList<MetadataCompressResult> Packed, IReadOnlyList<MetadataCompressProblem> Problems) held;
        using (services.Locks.TryAcquire(Core.Storage.ImportKind.Download, services.Artists.Find(Artist)!.Value))
        {
            held = new MetadataCompression(services).Compress(90, null, (_, _) => true);
        }

        Assert.Empty(whatIf.Packed);
        Assert.Contains($"Pack {before.Count} metadata file(s) of {Artist}", Assert.Single(asked), StringComparison.Ordinal);
        Assert.Empty(held.Packed);
        Assert.True(Assert.Single(held.Problems).ImportRunning);
        Assert.Equal(before, Hashes(folder));
    }

    [Fact]
    public async Task Zipped_shows_survive_a_metadata_backup_and_restore_and_a_leftover_temporary_zip_is_cleared()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        AgeAll(services);
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var identifiers = Directory.GetFiles(folder).Select(f => Path.GetFileNameWithoutExtension(f)!).ToList();
        var zip = Assert.Single(new MetadataCompression(services).Compress(90, null, (_, _) => true).Packed).ZipPath;
        var zipped = ZipHashes(zip);
        var backup = new MetadataBackups(services).Backup(Path.Combine(home.Path, "m.zip"), overwrite: false);
        File.Delete(zip);

        new MetadataBackups(services).Restore(backup.Path);

        Assert.Equal(zipped, ZipHashes(zip));
        File.WriteAllText(zip + ".0123" + Core.Metadata.AtomicFile.TemporarySuffix, "half a zip"); // a killed compress
        File.WriteAllBytes(Path.Combine(folder, identifiers[0] + ".json"), Core.Metadata.MetadataPack.Read(zip, identifiers[0])!); // loose again

        Assert.Equal(1, Assert.Single(new MetadataCompression(services).Compress(90, null, (_, _) => true).Packed).FilesPacked);
        Assert.Equal(zipped, ZipHashes(zip));
        Assert.Equal([MetadataPackName], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.All(Populate(services, identifiers), p => Assert.Equal(PopulateStatus.Populated, p.Status));
    }

    [Fact]
    public async Task Zip_entries_that_are_not_a_top_level_identifier_are_never_read_nor_carried_over()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await DownloadedAsync(home);
        AgeAll(services);
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var zipPath = Path.Combine(folder, MetadataPackName);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "../../evil.json", "sub/inner.json", "CON.json", "/abs.json" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("{}");
            }
        }

        var identifiers = Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).ToList();
        var result = Assert.Single(new MetadataCompression(services).Compress(90, null, (_, _) => true).Packed);

        Assert.Equal(identifiers.Select(i => i + ".json").Order(StringComparer.Ordinal), ZipHashes(zipPath).Keys);
        Assert.Equal(identifiers.Count, result.FilesInZip);
        Assert.False(File.Exists(Path.Combine(home.MetadataDirectory, "..", "evil.json")));
        Assert.Null(Core.Metadata.MetadataPack.IdentifierOf("../../evil.json"));
        Assert.Null(Core.Metadata.MetadataPack.IdentifierOf("sub/inner.json"));
        Assert.Null(Core.Metadata.MetadataPack.IdentifierOf("CON.json"));
    }

    private const string MetadataPackName = Core.Metadata.MetadataPack.FileName;

    private static async Task<ArchiveServices> DownloadedAsync(TestHome home)
    {
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        return services;
    }

    private static void Age(ArchiveServices services, string identifier, int days)
    {
        using var connection = services.Database.Open();
        connection.Execute("UPDATE archivedotorg_show_metadata SET downloaded_at = @at WHERE identifier = @identifier",
            new { at = services.Now.AddDays(-days), identifier });
    }

    private static void AgeAll(ArchiveServices services)
    {
        using var connection = services.Database.Open();
        connection.Execute("UPDATE archivedotorg_show_metadata SET downloaded_at = @at", new { at = services.Now.AddDays(-100) });
    }

    private static List<PopulateResult> Populate(ArchiveServices services, IReadOnlyList<string> identifiers)
    {
        var reporter = new RecordingReporter();
        using (var job = new PopulateJob(services, reporter))
        {
            job.Populate(Artist, identifiers, CancellationToken.None);
            job.End();
        }

        Assert.Empty(reporter.Errors);
        return reporter.Results.OfType<PopulateResult>().ToList();
    }

    private static SortedDictionary<string, string> Hashes(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private static SortedDictionary<string, string> ZipHashes(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return new(zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }), StringComparer.Ordinal);
    }
}
