using System.Security.Cryptography;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Metadata;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Move-ArchiveMetadata: a flat metadata folder into the per-artist layout, on real folders and both engines.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MetadataMoveTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public MetadataMoveTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Files_are_placed_by_the_catalog_then_by_collection_unplaced_and_conflicting_ones_stay_and_the_proof_holds(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FlatHomeAsync(home);
        var downloaded = services.ShowMetadata.ForArtist(services.Artists.Find(Artist)!.Value).Select(r => r.Identifier).ToList();
        var root = home.MetadataDirectory;
        WriteFlat(root, ArchiveOrgFixtures.Ymsb, ArchiveOrgFixtures.Read(ArchiveOrgFixtures.Ymsb)); // no catalog row: its collection says
        WriteFlat(root, "nasa", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "nasa.json"))); // no config has its collection
        var conflicting = downloaded[0];
        var inPlace = downloaded[1];
        Directory.CreateDirectory(Path.Combine(root, Artist));
        File.WriteAllText(Path.Combine(root, Artist, conflicting + ".json"), "{\"another\": \"file\"}");
        File.Copy(Path.Combine(root, inPlace + ".json"), Path.Combine(root, Artist, inPlace + ".json"));
        var before = FlatHashes(root);

        var result = new MetadataLayoutMove(services).Move(root, null, (_, _) => true);

        Assert.True(result.Verified, $"{result.Proof}");
        Assert.Equal(before.Count, result.Files);
        Assert.Equal((downloaded.Count - 1, 1, 1, 1), (result.Moved, result.AlreadyInPlace, result.Unplaced, result.Conflicts));
        Assert.Equal(0, result.NotMoved);
        Assert.Equal(new[] { "nasa.json", conflicting + ".json" }.Order(StringComparer.Ordinal), Directory.GetFiles(root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(before[ArchiveOrgFixtures.Ymsb], Sha256(Path.Combine(root, "Yonder Mountain String Band", ArchiveOrgFixtures.Ymsb + ".json")));
        foreach (var identifier in downloaded.Where(i => i != conflicting))
        {
            var target = Path.Combine(root, Artist, identifier + ".json");
            Assert.Equal(before[identifier], Sha256(target));
            Assert.Equal(target, services.ShowMetadata.Get(identifier)!.FilePath);
        }

        Assert.Equal(Path.Combine(root, conflicting + ".json"), services.ShowMetadata.Get(conflicting)!.FilePath);
        Assert.Contains("nasa", Assert.Single(result.Items, i => i.Outcome == MetadataMoveOutcome.Unplaced).Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(MetadataMoveJournal.PathIn(root)));
        Assert.Empty(Directory.GetFiles(root, "*.partial", SearchOption.AllDirectories));

        var populated = Populate(services, downloaded.Where(i => i != conflicting).ToList());
        Assert.All(populated, p => Assert.Equal(PopulateStatus.Populated, p.Status));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WhatIf_plans_every_move_and_changes_no_file_and_no_catalog_row(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FlatHomeAsync(home);
        var files = AllFiles(home.MetadataDirectory);
        var rows = CatalogRows(services);
        var asked = new List<(string Target, string Action)>();

        var result = new MetadataLayoutMove(services).Move(home.MetadataDirectory, null, (target, action) =>
        {
            asked.Add((target, action));
            return false;
        });

        Assert.Equal(files, AllFiles(home.MetadataDirectory));
        Assert.Equal(rows, CatalogRows(services));
        Assert.Equal(result.Files, asked.Count);
        Assert.All(asked, a => Assert.StartsWith($"Move to {Path.Combine(home.MetadataDirectory, Artist)}", a.Action, StringComparison.Ordinal));
        Assert.All(result.Items, i => Assert.Equal(MetadataMoveOutcome.NotMoved, i.Outcome));
        Assert.True(result.Verified);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_move_killed_at_each_step_is_finished_from_its_journal_with_every_file_present_once(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FlatHomeAsync(home);
        var root = home.MetadataDirectory;
        WriteFlat(root, ArchiveOrgFixtures.Ymsb, ArchiveOrgFixtures.Read(ArchiveOrgFixtures.Ymsb));
        var before = FlatHashes(root);
        var plan = new MetadataLayoutMove(services).Move(root, null, (_, _) => false).Items;
        Assert.Equal(3, plan.Count);
        new MetadataMoveJournal(services.Now, plan.Select(i => new MetadataMoveEntry(
            i.Identifier, i.Source, new FileInfo(i.Source).Length, before[i.Identifier], i.Artist, i.Target, "the catalog")).ToList()).Write(root);
        plan.ToList().ForEach(i => Directory.CreateDirectory(Path.GetDirectoryName(i.Target)!));
        File.Copy(plan[0].Source, plan[0].Target + ".0123.partial"); // killed while copying
        File.Copy(plan[1].Source, plan[1].Target!); // killed after the rename, before the source was removed
        File.Move(plan[2].Source, plan[2].Target!); // killed after removing the source

        var result = new MetadataLayoutMove(services).Move(root, null, (_, _) => true);

        Assert.True(result.Resumed);
        Assert.True(result.Verified, $"{result.Proof}");
        Assert.Equal(plan.Count, result.Moved + result.AlreadyInPlace);
        Assert.Equal(1, result.AlreadyInPlace);
        Assert.Equal(before, AllFiles(root).ToDictionary(f => Path.GetFileNameWithoutExtension(f.Key), f => f.Value));
        Assert.All(plan.Where(i => i.Artist == Artist), i => Assert.Equal(i.Target, services.ShowMetadata.Get(i.Identifier)!.FilePath));
        Assert.False(File.Exists(MetadataMoveJournal.PathIn(root)));
    }

    [Fact]
    public async Task A_held_import_lock_leaves_that_artists_files_and_the_journal_for_the_next_run()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await FlatHomeAsync(home);
        var before = FlatHashes(home.MetadataDirectory);

        MetadataMoveResult held;
        using (services.Locks.TryAcquire(ImportKind.Populate, services.Artists.Find(Artist)!.Value))
        {
            held = new MetadataLayoutMove(services).Move(home.MetadataDirectory, Artist, (_, _) => true);
        }

        Assert.All(held.Items, i => Assert.Contains("a populate of Grateful Dead is running", i.Reason, StringComparison.Ordinal));
        Assert.Equal(before, FlatHashes(home.MetadataDirectory));
        Assert.True(File.Exists(MetadataMoveJournal.PathIn(home.MetadataDirectory)));

        var resumed = new MetadataLayoutMove(services).Move(home.MetadataDirectory, null, (_, _) => true);
        Assert.True(resumed.Resumed);
        Assert.Equal(before.Count, resumed.Moved);
        Assert.True(resumed.Verified);
    }

    [Fact]
    public async Task A_source_changed_after_the_journal_is_kept_and_the_proof_fails()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await FlatHomeAsync(home);
        var first = Directory.GetFiles(home.MetadataDirectory, "*.json").Order(StringComparer.Ordinal).First();
        var move = new MetadataLayoutMove(services);

        var result = move.Move(home.MetadataDirectory, null, (source, _) =>
        {
            if (source == first)
            {
                File.AppendAllText(first, " "); // written after its hash went into the journal
            }

            return true;
        });

        var item = Assert.Single(result.Items, i => i.Outcome == MetadataMoveOutcome.Failed);
        Assert.Equal(first, item.Source);
        Assert.Contains("changed since the move began", item.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(first));
        Assert.False(result.Verified);
    }

    [Fact]
    public async Task A_flat_file_named_like_a_device_or_not_an_identifier_is_left_where_it_is_and_nothing_lands_outside()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var root = home.MetadataDirectory;
        Directory.CreateDirectory(root);
        var gd73 = ArchiveOrgFixtures.Read(ArchiveOrgFixtures.Gd73); // its collection would place it with Grateful Dead
        WriteFlat(root, "CON", gd73);
        WriteFlat(root, "bad name!", gd73);
        var outside = AllFiles(home.Path);

        var result = new MetadataLayoutMove(services).Move(root, null, (_, _) => true);

        Assert.Equal(2, result.Unplaced);
        Assert.Contains("Windows reserves", Assert.Single(result.Items, i => i.Identifier == "CON").Reason, StringComparison.Ordinal);
        Assert.Contains("is not an archive.org identifier", Assert.Single(result.Items, i => i.Identifier == "bad name!").Reason, StringComparison.Ordinal);
        Assert.Equal(outside, AllFiles(home.Path));
        Assert.True(result.Verified);
    }

    /// <summary>A home whose Grateful Dead shows were downloaded, then laid out flat as the older system kept them.</summary>
    private static async Task<ArchiveServices> FlatHomeAsync(TestHome home)
    {
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        foreach (var file in Directory.GetFiles(Path.Combine(home.MetadataDirectory, Artist)))
        {
            var flat = Path.Combine(home.MetadataDirectory, Path.GetFileName(file));
            File.Move(file, flat);
            services.ShowMetadata.SetFilePath(Path.GetFileNameWithoutExtension(file), flat);
        }

        Directory.Delete(Path.Combine(home.MetadataDirectory, Artist));
        return services;
    }

    private static List<PopulateResult> Populate(ArchiveServices services, IReadOnlyList<string> identifiers)
    {
        var reporter = new RecordingReporter();
        using (var job = new PopulateJob(services, reporter))
        {
            job.Populate(Artist, identifiers, CancellationToken.None);
            job.End();
        }

        return reporter.Results.OfType<PopulateResult>().ToList();
    }

    private static void WriteFlat(string root, string identifier, byte[] body) => File.WriteAllBytes(Path.Combine(root, identifier + ".json"), body);

    private static Dictionary<string, string> FlatHashes(string root) =>
        Directory.GetFiles(root, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).ToDictionary(f => Path.GetFileNameWithoutExtension(f), Sha256);

    private static SortedDictionary<string, string> AllFiles(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), Sha256), StringComparer.Ordinal);

    private static List<string> CatalogRows(ArchiveServices services)
    {
        using var connection = services.Database.Open();
        return connection.Query<(string, string, string)>(
            "SELECT identifier, file_path, content_hash FROM archivedotorg_show_metadata ORDER BY identifier").Select(r => r.ToString()).ToList();
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
