using System.Management.Automation;
using System.Text.Json;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Defects found by using the module in a real pwsh, each pinned by the behaviour an operator needs.</summary>
[Collection(CmdletCollection.Name)]
public sealed class OperatorDefectTests
{
    private const string Broken = "name: Broken Band\ncollection: Broken\ntracks:\n  - key: x\n    name: [unclosed\n";
    private readonly MariaDbFixture mariaDb;

    public OperatorDefectTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [InlineData("Get-ArchiveUnmatched -Artist 'Nobody Band'", "GetArchiveUnmatchedCommand")]
    [InlineData("Get-ArchiveImportRun -Artist 'Nobody Band'", "GetArchiveImportRunCommand")]
    [InlineData("Stop-ArchiveImport -Artist 'Nobody Band'", "StopArchiveImportCommand")]
    public async Task An_unknown_artist_is_ArtistNotConfigured_as_with_the_other_cmdlets(string command, string cmdlet)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' -Limit 1 | Invoke-ArchivePopulate").ThrowIfFailed();

        var outcome = ps.Invoke(command);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal($"ArtistNotConfigured,ArchiveImport.PowerShell.Commands.{cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Nobody Band", error.TargetObject);
        Assert.Contains("Grateful Dead", error.Exception.Message);
        Assert.Empty(outcome.Output); // not every artist's rows

        // A known name beside the unknown one still answers.
        var mixed = ps.Invoke("Get-ArchiveImportRun -Artist 'Nobody Band', 'grateful dead'");
        Assert.Single(mixed.Errors);
        Assert.All(mixed.Objects<ImportRun>(), r => Assert.Equal("Grateful Dead", r.Artist));
        Assert.NotEmpty(mixed.Output);
    }

    [Fact]
    public async Task A_broken_config_stops_nothing_that_only_maps_names_and_health_names_it()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' -Limit 1 | Invoke-ArchivePopulate").ThrowIfFailed();
        // Someone is editing the artist's own YAML mid-import and leaves it broken below its name line.
        var config = Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");
        File.AppendAllText(config, "\nbroken: [unclosed\n");
        var other = Path.Combine(home.ArtistConfigDirectory, "broken-band.yaml");
        File.WriteAllText(other, Broken);

        Assert.NotEmpty(ps.Invoke("Get-ArchiveImportRun -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>());
        Assert.NotEmpty(ps.Invoke("Get-ArchiveImportRun -Artist 'grateful dead'").ThrowIfFailed().Objects<ImportRun>());
        ps.Invoke("Get-ArchiveUnmatched -Artist 'Grateful Dead'").ThrowIfFailed();
        ps.Invoke("Get-ArchiveUnmatched -Artist Lettuce").ThrowIfFailed();
        ps.Invoke("Stop-ArchiveImport -Artist 'Grateful Dead'").ThrowIfFailed();

        var checks = ps.Invoke("Get-ArchiveHealth -Check artist-configs").ThrowIfFailed().Objects<HealthCheckResult>().ToList();
        Assert.Equal([other, config], checks.Select(c => c.Target));
        Assert.All(checks, c => Assert.Equal(("artist-configs", HealthStatus.Fail), (c.Id, c.Status)));
        Assert.All(checks, c => Assert.StartsWith(c.Target + "(", c.Message, StringComparison.Ordinal));

        const string Line = "Get-ArchiveUnmatched -Artist ";
        var completions = ps.Invoke($"(TabExpansion2 -inputScript '{Line}' -cursorColumn {Line.Length}).CompletionMatches.CompletionText")
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        Assert.Equal(["Lettuce", "'String Cheese Incident'", "'Yonder Mountain String Band'"], completions.OrderBy(c => c.Trim('\''), StringComparer.OrdinalIgnoreCase));

        File.Delete(other);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\nbroken: [unclosed\n", "", StringComparison.Ordinal));
        var healthy = Assert.Single(ps.Invoke("Get-ArchiveHealth -Check artist-configs").ThrowIfFailed().Objects<HealthCheckResult>());
        Assert.Equal(HealthStatus.Pass, healthy.Status);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("text")]
    public async Task An_unreadable_SQLite_file_is_a_failed_database_check_like_an_unreachable_server(string content)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        Directory.CreateDirectory(Path.GetDirectoryName(home.SqlitePath)!);
        if (content == "garbage")
        {
            File.WriteAllBytes(home.SqlitePath, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());
        }
        else
        {
            File.WriteAllText(home.SqlitePath, "these are the minutes of the last meeting, not a catalog\n");
        }

        using var ps = new PowerShellSession(home.Path);

        var health = ps.Invoke("Get-ArchiveHealth");
        Assert.Null(health.Terminating);
        Assert.Empty(health.Errors);
        var database = Assert.Single(health.Objects<HealthCheckResult>(), c => c.Id == "database");
        Assert.Equal(HealthStatus.Fail, database.Status);
        Assert.Contains("is not a SQLite database", database.Message);

        var refused = ps.Invoke("Get-ArchiveUnmatched");
        var error = Assert.Single(refused.Errors);
        Assert.Equal("CatalogNotADatabase,ArchiveImport.PowerShell.Commands.GetArchiveUnmatchedCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal($"SQLite {home.SqlitePath}", error.TargetObject);
        Assert.DoesNotContain("server", error.Exception.Message, StringComparison.OrdinalIgnoreCase);

        // The unreachable server, for comparison: the same one failed row.
        var connection = await mariaDb.Server.CreateDatabaseAsync();
        var wrong = connection.Replace(mariaDb.Server.Password, "Not-The-Password-1", StringComparison.Ordinal);
        var server = ps.Invoke($"Get-ArchiveHealth -Database '{wrong}'");
        Assert.Empty(server.Errors);
        Assert.Equal(HealthStatus.Fail, Assert.Single(server.Objects<HealthCheckResult>(), c => c.Id == "database").Status);
    }

    [Fact]
    public async Task A_settings_typo_names_the_file_line_and_known_keys_and_is_the_errors_target()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        File.AppendAllText(home.SettingsFile, "databse: other.db\n");
        using var ps = new PowerShellSession(home.Path);

        var error = Assert.Single(ps.Invoke("Get-ArchiveHealth").Errors);

        Assert.StartsWith("InvalidSettings,", error.FullyQualifiedErrorId);
        Assert.Equal(home.SettingsFile, error.TargetObject);
        Assert.StartsWith($"{home.SettingsFile}(5,", error.Exception.Message);
        Assert.Contains("'databse' is not a setting. Known keys: database, archiveUrl", error.Exception.Message);
        Assert.DoesNotContain("SettingsLoader", error.Exception.Message);
    }

    [Fact]
    public async Task A_mistyped_database_folder_is_refused_and_the_home_folder_is_created_verbosely()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var missing = Path.Combine(Path.GetTempPath(), "ainonexistent-" + Guid.NewGuid().ToString("N")[..8], "dir");

        var refused = ps.Invoke($"Get-ArchiveUnmatched -Database '{Path.Combine(missing, "x.db")}'");

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("CatalogFolderMissing,", error.FullyQualifiedErrorId);
        Assert.Contains($"The folder {missing} does not exist", error.Exception.Message);
        Assert.Contains("New-Item -ItemType Directory", error.Exception.Message);
        Assert.Equal($"SQLite {Path.Combine(missing, "x.db")}", error.TargetObject);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        var created = ps.Invoke("Get-ArchiveUnmatched -Verbose").ThrowIfFailed();
        Assert.Contains(created.Verbose, v => v.StartsWith($"Created the folder {Path.GetDirectoryName(home.SqlitePath)}", StringComparison.Ordinal));
        Assert.True(File.Exists(home.SqlitePath));
    }

    [Fact]
    public async Task Every_retry_is_a_verbose_line_and_a_refused_archive_url_fails_fast_naming_the_setting()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/", new Fault.Status(503), times: 1);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var retried = ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' -ThrottleLimit 1 -Verbose").ThrowIfFailed();
        Assert.Contains(retried.Verbose, v => v.StartsWith("archive.org GET /metadata/", StringComparison.Ordinal)
            && v.Contains("503 Service Unavailable; retry 1 of 4 in", StringComparison.Ordinal));

        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var refused = ps.Invoke($"Invoke-ArchiveDownload 'Grateful Dead' -ArchiveUrl http://127.0.0.1:{port}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var error = Assert.Single(refused.Errors);
        Assert.Contains($"http://127.0.0.1:{port}/", error.Exception.Message);
        Assert.Contains("ARCHIVEIMPORT_ARCHIVE_URL", error.Exception.Message);
    }

    [Fact]
    public async Task Times_are_UTC_in_a_process_whose_local_zone_is_New_York()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' -Limit 1").ThrowIfFailed();

        var start = new System.Diagnostics.ProcessStartInfo(ShellProcess.Executable)
        {
            WorkingDirectory = home.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["TZ"] = "America/New_York" },
        };
        foreach (var argument in new[]
        {
            "-Command",
            "$r = @(Get-ArchiveImportRun)[-1]; " +
            "'{0}|{1:0}|{2}|{3}' -f $r.StartedAt.Kind, ([DateTimeOffset]::UtcNow - [DateTimeOffset]$r.StartedAt).TotalMinutes, " +
            "[TimeZoneInfo]::Local.Id, $r.StartedAt.ToLocalTime().Hour",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();

        var parts = output.Split('|');
        Assert.True(parts.Length == 4, output + await process.StandardError.ReadToEndAsync());
        Assert.Equal("Utc", parts[0]);
        Assert.InRange(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 0, 5); // not -299 minutes
        Assert.Equal("America/New_York", parts[2]);
    }
}
