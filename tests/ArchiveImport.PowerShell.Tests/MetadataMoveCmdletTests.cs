using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Move-ArchiveMetadata in the real engine on both catalogs, and archive-import killed mid-move then run again.</summary>
[Collection(CmdletCollection.Name)]
public sealed class MetadataMoveCmdletTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public MetadataMoveCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WhatIf_changes_nothing_then_the_move_is_verified_reports_the_unplaced_file_and_populate_reads_the_moved_shows(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' | Out-Null").ThrowIfFailed();
        var flat = Flatten(home);
        File.WriteAllText(Path.Combine(home.MetadataDirectory, "nasa.json"), ShowFixtures.Body("nasa.json"));
        var before = Files(home.MetadataDirectory);

        var planned = ps.Invoke("Move-ArchiveMetadata -WhatIf");

        var whatIf = Assert.Single(planned.Objects<MetadataMoveResult>());
        Assert.Equal("MetadataUnplaced", Assert.Single(planned.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(before, Files(home.MetadataDirectory));
        Assert.Equal(flat.Count, whatIf.NotMoved);

        var moved = ps.Invoke("Move-ArchiveMetadata");

        var result = Assert.Single(moved.Objects<MetadataMoveResult>());
        Assert.True(result.Verified);
        Assert.Equal((flat.Count + 1, flat.Count, 1), (result.Files, result.Moved, result.Unplaced));
        var error = Assert.Single(moved.Errors);
        Assert.Equal("MetadataUnplaced,ArchiveImport.PowerShell.Commands.MoveArchiveMetadataCommand", error.FullyQualifiedErrorId);
        Assert.Contains("nasa", error.Exception.Message, StringComparison.Ordinal);
        Assert.All(flat, f => Assert.True(File.Exists(Path.Combine(home.MetadataDirectory, Artist, Path.GetFileName(f)))));
        Assert.Contains("Verified", ps.Invoke("Move-ArchiveMetadata -Artist 'Grateful Dead' | Out-String -Width 80").ThrowIfFailed().AllText, StringComparison.Ordinal);

        var populated = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}'").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(flat.Count, populated.Count(p => p.Status == PopulateStatus.Populated));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Compress_WhatIf_changes_nothing_then_packs_and_populate_and_health_read_the_zip(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' | Out-Null").ThrowIfFailed();
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var before = Files(folder);

        Assert.Empty(ps.Invoke("Compress-ArchiveMetadata -OlderThan 0 -WhatIf").ThrowIfFailed().Output);
        Assert.Empty(ps.Invoke("Compress-ArchiveMetadata").ThrowIfFailed().Output); // nothing is 90 days old
        Assert.Equal(before, Files(folder));

        var result = ps.Invoke($"Compress-ArchiveMetadata -OlderThan 0 -Artist '{Artist}'").ThrowIfFailed().Objects<MetadataCompressResult>().Single();

        Assert.Equal((Artist, before.Count), (result.Artist, result.FilesPacked));
        Assert.Equal([Core.Metadata.MetadataPack.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        var populated = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}'").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(before.Count, populated.Count(p => p.Status == PopulateStatus.Populated));
        var health = ps.Invoke("Get-ArchiveHealth -Check metadata-disk").ThrowIfFailed().Objects<HealthCheckResult>().Single();
        Assert.Equal(HealthStatus.Pass, health.Status);
    }

    /// <summary>The shows' files laid out flat, as the older system kept them, with the catalog pointing there.</summary>
    private static List<string> Flatten(TestHome home)
    {
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        var flat = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(home.MetadataDirectory, Artist)))
        {
            var target = Path.Combine(home.MetadataDirectory, Path.GetFileName(file));
            File.Move(file, target);
            services.ShowMetadata.SetFilePath(Path.GetFileNameWithoutExtension(file), target);
            flat.Add(target);
        }

        return flat;
    }

    internal static SortedDictionary<string, string> Files(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}

/// <summary>archive-import running Move-ArchiveMetadata, SIGKILLed again and again mid-move, then run to the end.</summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class MetadataMoveKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Shows = 400;
    private const int KillPoints = 6;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Killed_anywhere_in_a_move_the_next_run_leaves_every_file_once_with_its_bytes()
    {
        var seed = Environment.GetEnvironmentVariable("ARCHIVEIMPORT_CRASH_SEED") is { } given
            ? int.Parse(given, CultureInfo.InvariantCulture) : Environment.TickCount & 0x7FFFFFFF;
        var random = new Random(seed);
        var log = new StringBuilder($"Seed {seed} (replay with ARCHIVEIMPORT_CRASH_SEED={seed}).");
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var root = home.MetadataDirectory;
        var expected = WriteFlatShows(root);
        var artistFolder = Path.Combine(root, "Grateful Dead");

        for (var point = 1; point <= KillPoints; point++)
        {
            var progress = Count(artistFolder) + random.Next(0, Math.Max(1, (Shows - Count(artistFolder)) / 2)); // ahead of the last kill
            using var victim = RunningShell.Start(home.Path, "-Command", "Move-ArchiveMetadata | Out-Null");
            var deadline = DateTime.UtcNow + RunLimit;
            while (!victim.HasExited && DateTime.UtcNow < deadline
                && !(File.Exists(MetadataMoveJournal.PathIn(root)) && Count(artistFolder) >= progress))
            {
                await Task.Delay(2);
            }

            await Task.Delay(random.Next(0, 20));
            var exited = victim.HasExited;
            victim.Kill();
            await victim.WaitAsync(RunLimit);
            log.Append(CultureInfo.InvariantCulture, $"\nKill {point} at {progress} moved + up to 20 ms: {(exited ? "it had finished" : $"{Count(artistFolder)} moved, {Directory.GetFiles(root, "*.json").Length} flat")}");
            AssertNothingLost(root, expected, log);
        }

        var last = await ShellProcess.RunAsync(home.Path, "-Command", "$m = Move-ArchiveMetadata; $m.Proof | Format-List | Out-String; if (-not $m.Verified) { exit 3 }");
        output.WriteLine(log.ToString());
        Assert.True(last.ExitCode == 0, $"{log}\n{last.Output}\n{last.Errors}");

        var after = MetadataMoveCmdletTests.Files(root);
        Assert.Equal(expected.ToDictionary(e => Path.Combine("Grateful Dead", e.Key + ".json"), e => e.Value).OrderBy(e => e.Key, StringComparer.Ordinal), after);
        Assert.False(File.Exists(MetadataMoveJournal.PathIn(root)));
    }

    /// <summary>Every show is somewhere, with its bytes: flat, moved, or both (a copy verified and renamed, its source not yet removed).</summary>
    private static void AssertNothingLost(string root, IReadOnlyDictionary<string, string> expected, StringBuilder log)
    {
        var files = MetadataMoveCmdletTests.Files(root).Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal) && !f.Key.StartsWith('.'))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f.Key)).ToDictionary(g => g.Key, g => g.Select(f => f.Value).Distinct().ToList());
        foreach (var (identifier, sha256) in expected)
        {
            Assert.True(files.TryGetValue(identifier, out var found) && found.SequenceEqual([sha256]), $"{log}\n{identifier} is missing or changed after the kill.");
        }
    }

    private static Dictionary<string, string> WriteFlatShows(string root)
    {
        Directory.CreateDirectory(root);
        var body = ShowFixtures.Body("gd73-06-10.sbd.hollister.174.sbeok.shnf.json");
        var shows = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Shows; i++)
        {
            var identifier = $"gd-move.{i:D4}";
            var bytes = Encoding.UTF8.GetBytes("{\"n\": " + i.ToString(CultureInfo.InvariantCulture) + ", " + body.TrimStart()[1..]); // each its own bytes
            File.WriteAllBytes(Path.Combine(root, identifier + ".json"), bytes);
            shows[identifier] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        return shows;
    }

    private static int Count(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Length : 0;
}

/// <summary>Compress-ArchiveMetadata in the real engine, and archive-import SIGKILLed mid-compress then run again.</summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class MetadataCompressKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Artist = "Grateful Dead";
    private const int KillPoints = 5;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Killed_anywhere_in_a_compress_every_show_stays_loose_or_zipped_and_the_next_run_completes_for_populate()
    {
        var seed = Environment.GetEnvironmentVariable("ARCHIVEIMPORT_CRASH_SEED") is { } given
            ? int.Parse(given, CultureInfo.InvariantCulture) : Environment.TickCount & 0x7FFFFFFF;
        var random = new Random(seed);
        var log = new StringBuilder($"Seed {seed} (replay with ARCHIVEIMPORT_CRASH_SEED={seed}).");
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "GratefulDead", "gd-zip", 300);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke($"Invoke-ArchiveDownload -Artist '{Artist}' | Out-Null").ThrowIfFailed();
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        using (var connection = services.Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "UPDATE archivedotorg_show_metadata SET downloaded_at = @at", new { at = services.Now.AddDays(-100) });
        }

        var folder = Path.Combine(home.MetadataDirectory, Artist);
        var expected = MetadataMoveCmdletTests.Files(folder);
        var zip = Path.Combine(folder, Core.Metadata.MetadataPack.FileName);

        for (var point = 1; point <= KillPoints; point++)
        {
            // Once the new zip is being written (or is in place), a kill lands in the write, the read-back, the rename or the removals.
            var after = TimeSpan.FromMilliseconds(random.Next(0, 3000));
            using var victim = RunningShell.Start(home.Path, "-Command", "Compress-ArchiveMetadata | Out-Null");
            var deadline = DateTime.UtcNow + RunLimit;
            while (!victim.HasExited && DateTime.UtcNow < deadline && !Directory.GetFiles(folder, "*.partial").Any() && !File.Exists(zip))
            {
                await Task.Delay(2);
            }

            await Task.Delay(after);
            var exited = victim.HasExited;
            victim.Kill();
            await victim.WaitAsync(RunLimit);
            var loose = Directory.GetFiles(folder, "*.json").Length;
            log.Append(CultureInfo.InvariantCulture, $"\nKill {point} {after.TotalMilliseconds:0} ms after the new zip appeared: {(exited ? "it had finished" : $"{loose} loose, zip {(File.Exists(zip) ? "present" : "absent")}")}");
            AssertEveryShowLooseOrZipped(folder, zip, expected, log);
        }

        var last = await ShellProcess.RunAsync(home.Path, "-Command", "Compress-ArchiveMetadata | Out-String");
        output.WriteLine(log.ToString());
        Assert.True(last.ExitCode == 0, $"{log}\n{last.Output}\n{last.Errors}");
        Assert.Equal([Core.Metadata.MetadataPack.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        AssertEveryShowLooseOrZipped(folder, zip, expected, log);

        var populated = ps.Invoke($"Invoke-ArchivePopulate -Artist '{Artist}'").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(expected.Count, populated.Count(p => p.Status == PopulateStatus.Populated));
    }

    private static void AssertEveryShowLooseOrZipped(string folder, string zip, IReadOnlyDictionary<string, string> expected, StringBuilder log)
    {
        var zipped = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(zip))
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                zipped[entry.FullName] = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }

        foreach (var (name, sha256) in expected)
        {
            var path = Path.Combine(folder, name);
            var found = File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : zipped.GetValueOrDefault(name);
            Assert.True(found == sha256, $"{log}\n{name} is neither loose nor zipped with its bytes.");
        }
    }
}
