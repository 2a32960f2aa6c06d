using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>The cmdlets as operators use them: real pipelines in the real engine, on SQLite and MariaDB.</summary>
[Collection(CmdletCollection.Name)]
public sealed class CmdletPipelineTests
{
    private readonly MariaDbFixture mariaDb;

    public CmdletPipelineTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Download_pipes_into_populate_and_unmatched_lists_the_rest(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        var populate = ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 20 | Invoke-ArchivePopulate").ThrowIfFailed();
        var shows = populate.Objects<PopulateResult>().ToList();
        Assert.Equal(2, shows.Count);
        Assert.All(shows, s => Assert.Equal(PopulateStatus.Populated, s.Status));
        Assert.Contains(populate.Progress, p => p.RecordType == ProgressRecordType.Completed);

        var unmatched = ps.Invoke("Get-ArchiveUnmatched -Artist 'Grateful Dead'").ThrowIfFailed().Objects<UnmatchedTrack>().ToList();
        Assert.Equal(shows.Sum(s => s.Unmatched) > 0, unmatched.Count > 0);
        Assert.Equal(unmatched.Select(u => u.Occurrences).OrderByDescending(o => o), unmatched.Select(u => u.Occurrences));
        Assert.All(unmatched, u => Assert.Equal("Grateful Dead", u.Artist));

        var top = ps.Invoke("Get-ArchiveUnmatched -Top 1").ThrowIfFailed().Objects<UnmatchedTrack>().ToList();
        Assert.True(top.Count <= 1);

        var runs = ps.Invoke("Get-ArchiveImportRun -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>().ToList();
        Assert.Equal(["download", "populate"], runs.Select(r => r.Type));
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));

        var again = ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed().Objects<PopulateResult>().ToList();
        Assert.All(again, s => Assert.Equal(PopulateStatus.Unchanged, s.Status));
    }

    [Fact]
    public async Task WhatIf_changes_nothing()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' -WhatIf").ThrowIfFailed();

        Assert.Empty(outcome.Output);
        Assert.Equal(0, archive.CountRequests("/"));
        Assert.False(Directory.Exists(home.MetadataDirectory));
    }

    [Fact]
    public async Task An_unknown_artist_is_a_clear_error_that_lists_the_known_ones()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke("Invoke-ArchiveDownload -Artist 'Nobody Band'");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("ArtistNotConfigured,ArchiveImport.PowerShell.Commands.InvokeArchiveDownloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Grateful Dead", error.Exception.Message);
        Assert.Contains(home.ArtistConfigDirectory, error.Exception.Message);
    }

    [Fact]
    public async Task A_failing_show_is_a_non_terminating_error_with_a_target_and_the_run_goes_on()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-broken", "{\"metadata\": {\"identifier\"", "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead'");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("gd-broken", error.TargetObject);
        Assert.StartsWith("DownloadShowFailed,", error.FullyQualifiedErrorId);
        var results = outcome.Objects<DownloadResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(2, results.Count(r => r.Status == DownloadStatus.Downloaded));

        var stopped = ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' -ErrorAction Stop");
        Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
    }

    [Fact]
    public async Task Health_reports_typed_checks_and_FailOnError_makes_a_failure_terminating()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();

        var checks = ps.Invoke("Get-ArchiveHealth").ThrowIfFailed().Objects<HealthCheckResult>().ToList();
        Assert.Equal(
            HealthRegistry.Ids,
            checks.Select(c => c.Id).Distinct());
        Assert.Equal(HealthStatus.Pass, checks.Single(c => c.Id == "schema").Status);
        Assert.Equal(HealthStatus.Pass, checks.Single(c => c.Id == "dead-runs").Status);
        var rate = checks.Single(c => c.Id == "match-rate");
        Assert.Equal("Grateful Dead", rate.Target);
        Assert.Equal("97", rate.Threshold);

        // A run whose process died: the lock is free but the row says running.
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={home.SqlitePath}");
        sqlite.Open();
        using (var insert = sqlite.CreateCommand())
        {
            insert.CommandText = "INSERT INTO archivedotorg_import_run (artist_id, run_type, status, started_at, heartbeat_at, host, pid) VALUES (1, 'download', 'running', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'elsewhere', 4242)";
            insert.ExecuteNonQuery();
        }

        sqlite.Dispose();
        var dead = ps.Invoke("Get-ArchiveHealth -Check dead-runs").ThrowIfFailed().Objects<HealthCheckResult>().Single();
        Assert.Equal(HealthStatus.Fail, dead.Status);
        Assert.Contains("Stop-ArchiveImport -Id", dead.Message);

        var strict = ps.Invoke("Get-ArchiveHealth -Check dead-runs -FailOnError");
        var failure = Assert.Single(strict.Errors);
        Assert.StartsWith("HealthCheckFailed,", failure.FullyQualifiedErrorId);
        Assert.Contains("dead-runs", failure.Exception.Message);

        var marked = ps.Invoke("Stop-ArchiveImport -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>().Single();
        Assert.Equal(RunStatus.Failed, marked.Status);
        Assert.Contains("ended without finishing", marked.ErrorMessage);
        Assert.Equal(HealthStatus.Pass, ps.Invoke("Get-ArchiveHealth -Check dead-runs").Objects<HealthCheckResult>().Single().Status);
    }

    [Fact]
    public async Task An_outdated_MariaDB_schema_stops_with_Update_ArchiveDatabase_and_that_fixes_it()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress, await mariaDb.Server.CreateDatabaseAsync());
        using var ps = new PowerShellSession(home.Path);

        var refused = Assert.Single(ps.Invoke("Get-ArchiveUnmatched").Errors);
        Assert.StartsWith("SchemaOutdated,", refused.FullyQualifiedErrorId);
        Assert.Contains("Update-ArchiveDatabase", refused.Exception.Message);

        var preview = ps.Invoke("Update-ArchiveDatabase -WhatIf").ThrowIfFailed().Objects<SchemaStatus>().Single();
        Assert.False(preview.IsCurrent);

        var applied = ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed().Objects<SchemaStatus>().Single();
        Assert.True(applied.IsCurrent);
        Assert.Empty(ps.Invoke("Get-ArchiveUnmatched").ThrowIfFailed().Output);
    }

    [Fact]
    public async Task A_MariaDB_password_never_appears_in_output_errors_or_verbose_text()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var connection = await mariaDb.Server.CreateDatabaseAsync();
        var wrong = connection.Replace(mariaDb.Server.Password, "Wr0ngSecret#42", StringComparison.Ordinal);
        using var home = TestHome.Create(archive.BaseAddress, wrong);
        using var ps = new PowerShellSession(home.Path);

        var denied = ps.Invoke("Get-ArchiveHealth -Verbose");
        var all = denied.AllText;
        Assert.DoesNotContain("Wr0ngSecret#42", all);
        Assert.Equal(HealthStatus.Fail, denied.Objects<HealthCheckResult>().Single(c => c.Id == "database").Status);

        var failed = ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' -Verbose");
        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("CatalogUnavailable,", error.FullyQualifiedErrorId);
        Assert.Contains("Access denied", error.Exception.Message);
        Assert.DoesNotContain("Wr0ngSecret#42", failed.AllText + error.Exception);

        using var good = TestHome.Create(archive.BaseAddress, connection);
        using var ps2 = new PowerShellSession(good.Path);
        var verbose = ps2.Invoke("Update-ArchiveDatabase -Confirm:$false -Verbose; Invoke-ArchiveDownload 'Grateful Dead' -Verbose | Invoke-ArchivePopulate -Verbose; Get-ArchiveHealth -Verbose");
        Assert.DoesNotContain(mariaDb.Server.Password, verbose.AllText + string.Join('\n', verbose.Output.Select(o => o.Properties.Select(p => p.Value?.ToString()).Aggregate("", (a, b) => a + b))));
    }
}
