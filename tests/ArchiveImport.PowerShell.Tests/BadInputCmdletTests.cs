using System.Management.Automation;
using System.Text;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// docs/SECURITY.md: bad input to the cmdlets gets a clear error and never loses or corrupts data. Each case runs the
/// real cmdlet on a catalog that already holds a show, then proves every table and row is still there and the next run works.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class BadInputCmdletTests
{
    private const string Injection = "x'); DROP TABLE archivedotorg_import_run; --";
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public BadInputCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    private static string Quoted => "'" + Injection.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Every string parameter of every cmdlet, given SQL, and the error it must give; {x} is the SQL text.</summary>
    private static readonly (string Command, string ErrorId)[] InjectedParameters =
    [
        ("Invoke-ArchiveDownload -Artist {x}", "ArtistNotConfigured"),
        ("Invoke-ArchiveDownload -Artist 'Grateful Dead' -Identifier {x}", "DownloadShowFailed"),
        ("Invoke-ArchivePopulate -Artist {x}", "ArtistNotConfigured"),
        ("Invoke-ArchivePopulate -Artist 'Grateful Dead' -Identifier {x}", "PopulateShowFailed"),
        ("Get-ArchiveUnmatched -Artist {x}", "ArtistNotConfigured"),
        ("Get-ArchiveImportRun -Artist {x}", "ArtistNotConfigured"),
        ("Get-ArchiveImportRun -Status {x}", "ParameterArgumentValidationError"),
        ("Stop-ArchiveImport -Artist {x}", "ArtistNotConfigured"),
        ("Get-ArchiveHealth -Check {x}", "UnknownHealthCheck"),
        ("Get-ArchiveHealth -ExcludeCheck {x}", "UnknownHealthCheck"),
        ("Get-ArchiveTrackMatch -Artist {x} -Title 'Dark Star'", "ArtistNotConfigured"),
        ("Add-ArchiveTrackAlias -Artist {x} -Song dark-star -Alias 'dark str'", "ArtistNotConfigured"),
        ("Add-ArchiveTrackAlias -Artist 'Grateful Dead' -Song {x} -Alias 'dark str'", "InvalidArtistConfig"),
        ("New-ArchiveArtistConfig -Artist 'Brand New Band' -Collection {x}", "System.ArgumentException"),
    ];

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SQL_in_every_string_parameter_is_plain_text_not_found_and_every_table_and_row_stays(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Limit 1 | Invoke-ArchivePopulate").ThrowIfFailed();
        var before = CatalogSnapshot.Take(home);
        var config = File.ReadAllBytes(Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml"));

        foreach (var (command, errorId) in InjectedParameters)
        {
            var script = command.Replace("{x}", Quoted, StringComparison.Ordinal);
            var outcome = ps.Invoke(script);

            Assert.Null(outcome.Terminating);
            var error = Assert.Single(outcome.Errors);
            Assert.True(error.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal), $"{script}: {error.FullyQualifiedErrorId}: {error}");
            Assert.True(error.Exception.Message.Contains(Injection, StringComparison.Ordinal), $"{script}: the text is not shown as given: {error}");
            CatalogSnapshot.Take(home).AssertIntactSince(before, script);
        }

        // A title is only matched, never stored: it comes back as given, unmatched.
        var match = Assert.Single(ps.Invoke($"Get-ArchiveTrackMatch -Artist '{Artist}' -Title {Quoted}").ThrowIfFailed().Objects<TrackMatchReport>());
        Assert.Equal((Injection, nameof(MatchMethod.Unmatched)), (match.Title, match.Method));

        Assert.Equal(config, File.ReadAllBytes(Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml")));
        Assert.False(Directory.Exists(Path.Combine(home.ArtistConfigDirectory, "..", "brand-new-band.yaml")));
        CatalogSnapshot.Take(home).AssertIntactSince(before, "after every injection");
        var next = ps.Invoke($"Invoke-ArchiveDownload '{Artist}' | Invoke-ArchivePopulate").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(2, next.Count);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SQL_as_an_artist_name_and_as_an_alias_is_stored_verbatim(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        // An artist whose name is the SQL: its config, runs and artist row carry the name exactly.
        ps.Invoke($"New-ArchiveArtistConfig -Artist {Quoted} -Collection GratefulDead").ThrowIfFailed();
        var shows = ps.Invoke($"Invoke-ArchiveDownload -Artist {Quoted} | Invoke-ArchivePopulate").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(2, shows.Count);
        Assert.All(shows, s => Assert.Equal(Injection, s.Artist));
        var runs = ps.Invoke($"Get-ArchiveImportRun -Artist {Quoted}").ThrowIfFailed().Objects<ImportRun>().ToList();
        Assert.Equal(["download", "populate"], runs.Select(r => r.Type));
        Assert.All(runs, r => Assert.Equal((Injection, RunStatus.Completed), (r.Artist, r.Status)));
        Assert.Contains(CatalogSnapshot.Take(home).Rows("archivedotorg_artist"), row => row.Contains(Injection, StringComparison.Ordinal));

        // An alias that is the SQL: written into the YAML as given, read back, and matched.
        ps.Invoke($"Add-ArchiveTrackAlias -Artist '{Artist}' -Song dark-star -Alias {Quoted}").ThrowIfFailed();
        var match = Assert.Single(ps.Invoke($"Get-ArchiveTrackMatch -Artist '{Artist}' -Title {Quoted}").ThrowIfFailed().Objects<TrackMatchReport>());
        Assert.Equal((nameof(MatchMethod.Alias), "Dark Star"), (match.Method, match.Songs));

        var snapshot = CatalogSnapshot.Take(home);
        Assert.Contains("archivedotorg_import_run", snapshot.Tables.Keys);
        Assert.Equal(2, snapshot.Rows("archivedotorg_import_run").Count);
    }

    [Theory]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -Limit -1", "ParameterArgumentValidationError", "The -1 argument is less than the minimum allowed range of 1")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -Limit 0", "ParameterArgumentValidationError", "The 0 argument is less than the minimum allowed range of 1")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -Limit 99999999999", "CannotConvertArgumentNoMessage", "Value was either too large or too small for an Int32")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -ThrottleLimit -4", "ParameterArgumentValidationError", "The -4 argument is less than the minimum allowed range of 1")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -ThrottleLimit 0", "ParameterArgumentValidationError", "The 0 argument is less than the minimum allowed range of 1")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -ThrottleLimit 65", "ParameterArgumentValidationError", "The 65 argument is greater than the maximum allowed range of 64")]
    [InlineData("Invoke-ArchiveDownload 'Grateful Dead' -ThrottleLimit 2147483648", "CannotConvertArgumentNoMessage", "Value was either too large or too small for an Int32")]
    [InlineData("Invoke-ArchivePopulate 'Grateful Dead' -Limit -5", "ParameterArgumentValidationError", "The -5 argument is less than the minimum allowed range of 1")]
    [InlineData("Get-ArchiveUnmatched -Top -1", "ParameterArgumentValidationError", "The -1 argument is less than the minimum allowed range of 1")]
    [InlineData("Get-ArchiveImportRun -Last 0", "ParameterArgumentValidationError", "The 0 argument is less than the minimum allowed range of 1")]
    public async Task Negative_zero_and_huge_counts_are_refused_by_parameter_validation_before_anything_runs(string command, string errorId, string message)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Limit 1 | Invoke-ArchivePopulate").ThrowIfFailed();
        var before = CatalogSnapshot.Take(home);
        archive.ClearRequests();

        var outcome = ps.Invoke(command);

        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(message, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Output);
        Assert.Empty(archive.Requests);
        var after = CatalogSnapshot.Take(home);
        after.AssertIntactSince(before, command);
        Assert.Equal(before.Rows("archivedotorg_import_run"), after.Rows("archivedotorg_import_run")); // no run was even started
    }

    /// <summary>What an artist YAML may be broken with, and the gist of the error that names it.</summary>
    public static TheoryData<string, string, string> BrokenConfigs => new()
    {
        { "invalid", "name: Grateful Dead\ncollection: GratefulDead\ntracks:\n  - key: x\n    name: [unclosed\n", "grateful-dead.yaml(" },
        { "duplicate-key", "name: Grateful Dead\ncollection: GratefulDead\ntracks:\n  - key: dark-star\n    name: Dark Star\n  - key: dark-star\n    name: Dark Star Jam\n", "duplicate track key 'dark-star' (first used on line 4)" },
        { "repeated-field", "name: Grateful Dead\ncollection: GratefulDead\ncollection: Other\n", "grateful-dead.yaml(3," },
        { "unknown-field", "name: Grateful Dead\ncollection: GratefulDead\nsongs:\n  - key: dark-star\n", "unknown field 'songs'" },
        { "undefined-anchor", "name: Grateful Dead\ncollection: GratefulDead\ntracks:\n  - key: dark-star\n    name: Dark Star\n    aliases: [darkstar, *jam]\n", "the alias '*jam' refers to an anchor '&jam' that is not defined" },
        { "billion-laughs", BillionLaughs(), "repeats a whole list or mapping" },
        { "song-name-600", $"name: Grateful Dead\ncollection: GratefulDead\ntracks:\n  - key: dark-star\n    name: {new string('d', 600)}\n", "the 'name' of track 'dark-star' is 600 characters long" },
        { "20MB", "20MB", "artist configs may be at most 16 MB" },
        { "empty", "", "grateful-dead.yaml: the file is empty. Add at least 'name:' and 'collection:'" },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public async Task A_broken_artist_config_is_named_with_its_problem_and_the_catalog_and_the_file_are_left_as_they_were(string kind, string yaml, string gist)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Limit 1 | Invoke-ArchivePopulate").ThrowIfFailed();
        var before = CatalogSnapshot.Take(home);
        var path = Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");
        var good = File.ReadAllBytes(path);
        var broken = kind == "20MB" ? TwentyMegabytes() : Encoding.UTF8.GetBytes(yaml);
        File.WriteAllBytes(path, broken);

        foreach (var command in new[] { $"Invoke-ArchivePopulate '{Artist}' -Force", $"Invoke-ArchiveDownload '{Artist}'", $"Get-ArchiveTrackMatch '{Artist}' 'Dark Star'" })
        {
            var outcome = ps.Invoke(command);
            Assert.Null(outcome.Terminating);
            var error = Assert.Single(outcome.Errors);
            Assert.True(error.Exception.Message.Contains(gist, StringComparison.Ordinal), $"{kind}, {command}: {error.FullyQualifiedErrorId}: {error}");
            Assert.True(
                error.FullyQualifiedErrorId.StartsWith("InvalidArtistConfig,", StringComparison.Ordinal),
                $"{kind}, {command}: {error.FullyQualifiedErrorId}");
            Assert.DoesNotContain(" at ArchiveImport.", error.Exception.Message, StringComparison.Ordinal); // a message, not a stack trace
        }

        Assert.Equal(broken, File.ReadAllBytes(path)); // never "repaired" or rewritten
        CatalogSnapshot.Take(home).AssertIntactSince(before, kind);
        File.WriteAllBytes(path, good);
        Assert.All(ps.Invoke($"Invoke-ArchiveDownload '{Artist}' | Invoke-ArchivePopulate").ThrowIfFailed().Objects<PopulateResult>(),
            r => Assert.Contains(r.Status, new[] { PopulateStatus.Populated, PopulateStatus.Unchanged }));
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("sqlite")]
    public async Task A_read_only_folder_fails_with_the_path_and_the_files_and_rows_stay_as_they_were(string folder)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke($"Invoke-ArchiveDownload '{Artist}' | Invoke-ArchivePopulate").ThrowIfFailed();
        var before = CatalogSnapshot.Take(home);
        var artistFolder = Path.Combine(home.MetadataDirectory, Artist);
        var files = Directory.GetFiles(artistFolder).ToDictionary(f => f, File.ReadAllBytes);
        var target = folder == "metadata" ? artistFolder : Path.GetDirectoryName(home.SqlitePath)!;

        if (OperatingSystem.IsWindows())
        {
            return; // read-only folders are made with Unix permissions (or chattr); the suites run on Linux
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // as a new session would: a pooled connection keeps its files open
        using (ReadOnlyFolder.Make(target))
        {
            var outcome = ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Force | Invoke-ArchivePopulate");
            Assert.Null(outcome.Terminating);
            Assert.NotEmpty(outcome.Errors);
            if (folder == "metadata")
            {
                Assert.All(outcome.Errors, e => Assert.StartsWith("DownloadShowFailed,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
                Assert.All(outcome.Errors, e => Assert.Matches($"^Run \\d+ \\(download of 'Grateful Dead'\\), show .+: Access to the path '{System.Text.RegularExpressions.Regex.Escape(artistFolder)}/.+\\.partial' is denied\\. To try it again, run Invoke-ArchiveDownload -Artist 'Grateful Dead' again", e.Exception.Message));
            }
            else
            {
                var error = Assert.Single(outcome.Errors);
                Assert.StartsWith("CatalogUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal(
                    $"Cannot open the catalog database (SQLite {home.SqlitePath}): SQLite Error 14: 'unable to open database file'. " +
                    "Check ARCHIVEIMPORT_DATABASE (or -Database) and that the file and its folder can be read and written.",
                    error.Exception.Message);
                var database = Assert.Single(ps.Invoke("Get-ArchiveHealth -Check database").Objects<HealthCheckResult>());
                Assert.Equal(HealthStatus.Fail, database.Status);
            }

            Assert.Equal(files.Keys.Order(), Directory.GetFiles(artistFolder).Order());
            Assert.All(files, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        }

        var after = CatalogSnapshot.Take(home);
        after.AssertIntactSince(before, folder);
        Assert.Equal(before.Rows("catalog_track"), after.Rows("catalog_track"));
        var next = ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Force | Invoke-ArchivePopulate").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.Equal(2, next.Count);
    }

    [Fact]
    public async Task An_unreachable_MySQL_server_is_one_clear_error_without_its_password_and_nothing_is_downloaded()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        const string Secret = "Unre4chable#Secret";
        var database = $"Server=127.0.0.1;Port={port};Database=archive;User ID=importer;Password={Secret};Connection Timeout=3";

        var outcome = ps.Invoke($"Invoke-ArchiveDownload '{Artist}' -Database '{database}' -Verbose | Invoke-ArchivePopulate -Database '{database}' -Verbose");
        var health = ps.Invoke($"Get-ArchiveHealth -Database '{database}' -Verbose");

        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("CatalogUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith($"Cannot open the catalog database (MySQL ", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, outcome.AllText + error.Exception + error.TargetObject, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, health.AllText + string.Join('\n', health.Objects<HealthCheckResult>().Select(c => c.Message + c.Target)), StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Fail, Assert.Single(health.Objects<HealthCheckResult>(), c => c.Id == "database").Status);
        Assert.Equal(0, archive.CountRequests("/metadata/"));
        Assert.False(Directory.Exists(Path.Combine(home.MetadataDirectory, Artist)));
    }

    private static string BillionLaughs()
    {
        var text = new StringBuilder("name: Grateful Dead\ncollection: GratefulDead\nignore: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < 10; level++)
        {
            text.Append($"l{level}: &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        return text.ToString();
    }

    private static byte[] TwentyMegabytes()
    {
        var text = new StringBuilder("name: Grateful Dead\ncollection: GratefulDead\n", 21_000_000);
        var comment = "# " + new string('x', 1_000) + "\n";
        for (var i = 0; i < 20 * 1024; i++)
        {
            text.Append(comment);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>
/// A folder nobody may write to, for the life of the object. Root ignores permission bits, so as root the folder is made
/// immutable (chattr +i) instead, which binds root too.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string path;
    private readonly UnixFileMode mode;
    private readonly bool immutable;

    private ReadOnlyFolder(string path)
    {
        this.path = path;
        mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        if (CanWrite(path))
        {
            immutable = true;
            Chattr("+i", path);
            Assert.False(CanWrite(path), $"could not make {path} read-only (neither permissions nor chattr +i bind this user)");
        }
    }

    public static ReadOnlyFolder Make(string path) => new(path);

    public void Dispose()
    {
        if (immutable)
        {
            Chattr("-i", path);
        }

        File.SetUnixFileMode(path, mode);
    }

    private static bool CanWrite(string folder)
    {
        var probe = Path.Combine(folder, ".probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Chattr(string flag, string folder)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [flag, folder]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {folder}: {process.StandardError.ReadToEnd()}");
    }
}
