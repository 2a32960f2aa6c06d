using System.Globalization;
using System.Management.Automation;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>The deployment phase scripts (deployment/Deploy-*.ps1) run in the hosted engine, on SQLite and MariaDB.</summary>
[Collection(CmdletCollection.Name)]
public sealed class DeploymentPhaseTests
{
    private const string ActivityTable = "archivedotorg_activity_log";
    private static readonly string DeployDatabase = Script("Deploy-Database");
    private static readonly string DeployDashboard = Script("Deploy-Dashboard");
    private static readonly string UndoDeployment = Script("Undo-Deployment");
    private static readonly string RemoveOldDeployment = Script("Remove-OldDeployment");
    private static readonly string DeployData = Script("Deploy-Data");
    private static readonly string WatchDeployment = Script("Watch-Deployment");

    private readonly MariaDbFixture mariaDb;

    public DeploymentPhaseTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phase_1_migrates_an_older_catalog_keeps_its_data_and_runs_again_as_a_no_op(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var database = OlderCatalog.Build(ps, home);
        var shows = ShowCount(database);

        var first = ps.Invoke($"& '{DeployDatabase}'").ThrowIfFailed();

        Assert.Equal(["Backup", "MaintenanceOn", "Migrate", "VerifySchema", "MaintenanceOff"], Steps(first));
        Assert.All(first.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Equal(SchemaMigrator.LatestVersion, new SchemaMigrator(database).GetStatus().CurrentVersion);
        Assert.Equal(shows, ShowCount(database));
        Assert.False(new MaintenanceRepository(database).Get().Enabled);
        var backup = ((object[])Step(first, "Backup").Properties["Output"].Value)
            .Select(o => o is PSObject wrapped ? wrapped.BaseObject : o).OfType<Core.Operations.ArchiveDatabaseBackup>().Single();
        Assert.Equal(engine == "mariadb" ? OlderCatalog.Version : SchemaMigrator.LatestVersion, backup.SchemaVersion);
        Assert.True(File.Exists(backup.Path));
        var recorded = ps.Invoke("Get-ArchiveActivity -Command Deploy-Database").ThrowIfFailed().Objects<ActivityRecord>().ToList();
        var recordedBeforeMigrating = ActivityRows(database).Count(row => row.Contains("|Deploy-Database ", StringComparison.Ordinal));
        Assert.Equal(5, recorded.Count + recordedBeforeMigrating); // rows written while the catalog was at schema 4 have no command column
        Assert.All(recorded, row => Assert.Equal("Succeeded", row.Outcome));

        var before = TableFingerprints.Read(database).Where(t => t.Table != ActivityTable).ToList();
        var second = ps.Invoke($"& '{DeployDatabase}'").ThrowIfFailed();

        Assert.All(second.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Contains($"→ {SchemaMigrator.LatestVersion}", (string)Step(second, "Migrate").Properties["Detail"].Value);
        Assert.Equal(before, TableFingerprints.Read(database).Where(t => t.Table != ActivityTable).ToList());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phase_1_with_WhatIf_reports_every_step_and_changes_nothing(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var database = OlderCatalog.Build(ps, home);
        var before = TableFingerprints.Read(database);
        var files = Files(home.Path);

        var outcome = ps.Invoke($"& '{DeployDatabase}' -WhatIf").ThrowIfFailed();

        Assert.Equal(5, outcome.Output.Count);
        Assert.All(outcome.Output, step => Assert.Equal("WhatIf", Status(step)));
        Assert.Equal(before, TableFingerprints.Read(database));
        Assert.Equal(files, Files(home.Path));
    }

    /// <summary>
    /// The rollback with a real fault: the catalog is at an older schema version and already holds a column that the
    /// next migration adds part-way through. On MariaDB the migration commits its first columns and then fails, so
    /// the catalog really is half-migrated until the backup is restored. SQLite migrates a catalog the first time a
    /// cmdlet opens it, inside one transaction: there the backup step meets the failing migration and nothing changes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phase_1_rolls_a_half_applied_migration_back_to_the_backup_and_names_the_failed_step(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var database = OlderCatalog.Build(ps, home);
        OlderCatalog.AddColumnTheNextMigrationAddsLater(database);
        var before = TableFingerprints.Read(database);
        var activityBefore = ActivityRows(database);

        var outcome = ps.Invoke($"& '{DeployDatabase}'");

        var failedStep = engine == "mariadb" ? "Migrate" : "Backup";
        var failed = Assert.Single(outcome.Output, step => Status(step) == "Failed");
        Assert.Equal(failedStep, (string)failed.Properties["Step"].Value);
        Assert.Contains("runs_cancelled", (string)failed.Properties["Detail"].Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(outcome.Output, step => Status(step) == "UndoFailed");
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("DeploymentStepFailed,Invoke-DeploymentPhase", error.FullyQualifiedErrorId);
        Assert.Contains($"failed at step {failedStep}", error.Exception.Message);
        Assert.Contains("the rollback succeeded", error.Exception.Message);
        if (engine == "mariadb")
        {
            Assert.Equal(["Backup", "MaintenanceOn", "Migrate", "Migrate", "MaintenanceOn", "VerifySchema", "MaintenanceOff"], Steps(outcome));
            Assert.Equal(["Succeeded", "Succeeded", "Failed", "Undone", "Undone", "Skipped", "Skipped"], outcome.Output.Select(Status));
        }

        Assert.Equal(
            before.Where(t => t.Table != ActivityTable),
            TableFingerprints.Read(database).Where(t => t.Table != ActivityTable));
        var activity = ActivityRows(database);
        Assert.Subset(activity.ToHashSet(), activityBefore.ToHashSet());
        if (engine == "mariadb")
        {
            Assert.Contains(activity, row => row.Contains($"|Deploy-Database {failedStep}: Failed. ", StringComparison.Ordinal));
        }
        else
        {
            // Every cmdlet migrates a SQLite catalog first, and the migration still fails: the step is reported, not recorded.
            Assert.Contains(outcome.Warnings, w => w.StartsWith("Could not record Deploy-Database step Backup (Failed)", StringComparison.Ordinal));
        }
        Assert.Equal(OlderCatalog.Version, new SchemaMigrator(database).GetStatus().CurrentVersion);
        Assert.False(new MaintenanceRepository(database).Get().Enabled);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phase_4_recomputes_metrics_exports_the_dashboard_checks_its_queries_and_runs_again(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        QueryTarget(home, milliseconds: 60_000); // the phase's verdict, not this machine's speed, is under test
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Update-ArchiveDatabase -Confirm:$false; Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();

        var first = ps.Invoke($"& '{DeployDashboard}' -Days 3 -Path ./dash.html").ThrowIfFailed();

        Assert.Equal(["DailyMetrics", "ExportDashboard", "CheckQueries", "Cleanup"], Steps(first));
        Assert.All(first.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Contains("Recomputed 3 day(s)", (string)Step(first, "DailyMetrics").Properties["Detail"].Value);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(home.Path, "dash.html")));

        var second = ps.Invoke($"& '{DeployDashboard}' -Days 3 -Path ./dash.html").ThrowIfFailed();
        Assert.All(second.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Equal(["dash.html"], Directory.GetFiles(home.Path, "dash.html*").Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Watch_day_7_passes_every_criterion_on_a_healthy_home_and_fails_NoDataLost_once_a_file_is_gone(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        QueryTarget(home, milliseconds: 60_000); // the criteria's verdicts, not this machine's speed, are under test
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Update-ArchiveDatabase -Confirm:$false; Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var criteria = new[] { "ErrorRate", "ImportSuccess", "MatchRate", "Dashboard", "NoDataLost" };

        var healthy = ps.Invoke($"& '{WatchDeployment}' -Day 7").ThrowIfFailed();

        Assert.Equal(criteria, healthy.Output.Select(o => (string)o.Properties["Criterion"].Value));
        Assert.All(healthy.Output, c => Assert.Equal("Pass", Status(c)));
        var monitoring = Path.Combine(home.Path, "var", "log", "deployment_monitoring");
        Assert.Single(Directory.GetFiles(monitoring, "day-7-*.json"));
        Assert.True(File.Exists(Path.Combine(monitoring, "baseline.json")));

        File.Delete(Directory.GetFiles(Path.Combine(home.Path, "var", "archivedotorg", "metadata"), "*.json", SearchOption.AllDirectories)[0]);
        var lost = ps.Invoke($"& '{WatchDeployment}' -Day 7").ThrowIfFailed();

        Assert.Equal("Fail", Status(lost.Output.Single(c => (string)c.Properties["Criterion"].Value == "NoDataLost")));
        Assert.Equal(2, Directory.GetFiles(monitoring, "day-7-*.json").Length);
        var outcomes = ps.Invoke("Get-ArchiveActivity -Command Watch-Deployment").ThrowIfFailed().Objects<ActivityRecord>().Select(a => a.Outcome);
        Assert.Equal(["Failed", "Succeeded"], outcomes.Order());
    }

    [Fact]
    public async Task Phase_4_with_a_query_over_its_target_fails_and_puts_the_previous_dashboard_back()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        QueryTarget(home, milliseconds: 0); // every query takes 0 ms or more
        using var ps = new PowerShellSession(home.Path);
        var dashboard = Path.Combine(home.Path, "dash.html");
        File.WriteAllText(dashboard, "the dashboard of the previous release");

        var outcome = ps.Invoke($"& '{DeployDashboard}' -Days 1 -Path ./dash.html");

        Assert.Equal(["DailyMetrics", "ExportDashboard", "CheckQueries", "ExportDashboard", "Cleanup"], Steps(outcome));
        Assert.Equal(["Succeeded", "Succeeded", "Failed", "Undone", "Skipped"], outcome.Output.Select(Status));
        Assert.Contains("dashboard quer", (string)Step(outcome, "CheckQueries", "Failed").Properties["Detail"].Value);
        Assert.Contains("failed at step CheckQueries", Assert.Single(outcome.Errors).Exception.Message);
        Assert.Equal("the dashboard of the previous release", File.ReadAllText(dashboard));
        Assert.Equal(["dash.html"], Directory.GetFiles(home.Path, "dash.html*").Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phases_1_and_4_then_Undo_Deployment_give_back_the_starting_catalog_and_metadata(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        QueryTarget(home, milliseconds: 60_000);
        using var ps = new PowerShellSession(home.Path);
        // SQLite migrates a catalog when a cmdlet first opens it, so its deployments start from the current schema.
        var database = engine == "mariadb" ? OlderCatalog.Build(ps, home) : CurrentCatalog(ps, home);
        var metadata = ps.Invoke("Backup-ArchiveMetadata -Path ./var/backups/metadata-before.zip").ThrowIfFailed();
        var before = TableFingerprints.Read(database);
        var files = Files(home.MetadataDirectory);

        var phase1 = ps.Invoke($"& '{DeployDatabase}'").ThrowIfFailed();
        ps.Invoke($"& '{DeployDashboard}' -Days 2").ThrowIfFailed();
        ps.Invoke("Invoke-ArchiveDownload -Artist 'Yonder Mountain String Band' | Invoke-ArchivePopulate").ThrowIfFailed();
        Assert.NotEqual(before, TableFingerprints.Read(database));

        var backup = ((object[])Step(phase1, "Backup").Properties["Output"].Value)
            .Select(o => o is PSObject wrapped ? wrapped.BaseObject : o).OfType<Core.Operations.ArchiveDatabaseBackup>().Single();
        var undo = ps.Invoke($"& '{UndoDeployment}' -DatabaseBackup '{backup.Path}' -MetadataBackup ./var/backups/metadata-before.zip -Confirm:$false").ThrowIfFailed();

        Assert.Equal(["MaintenanceOn", "RestoreMetadata", "RestoreDatabase", "MaintenanceOff"], Steps(undo));
        Assert.All(undo.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Equal(before.Where(t => t.Table != ActivityTable), TableFingerprints.Read(database).Where(t => t.Table != ActivityTable));
        Assert.Equal(files, Files(home.MetadataDirectory));
        Assert.False(new MaintenanceRepository(database).Get().Enabled);
    }

    [Fact]
    public async Task Phase_5_refuses_within_30_days_of_phase_4_and_with_Force_keeps_what_has_no_copy()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        QueryTarget(home, milliseconds: 60_000);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var never = ps.Invoke($"& '{RemoveOldDeployment}' -Confirm:$false");
        ps.Invoke($"& '{DeployDashboard}' -Days 1").ThrowIfFailed();
        var tooSoon = ps.Invoke($"& '{RemoveOldDeployment}' -Confirm:$false");

        Assert.Contains("has no success in the activity log", never.Terminating?.Message);
        Assert.Contains("0 day(s) ago", tooSoon.Terminating?.Message);
        Assert.Empty(tooSoon.Output);

        var perArtist = Directory.GetFiles(home.MetadataDirectory, "*.json", SearchOption.AllDirectories)[0];
        File.Copy(perArtist, Path.Combine(home.MetadataDirectory, Path.GetFileName(perArtist)));
        File.WriteAllText(Path.Combine(home.MetadataDirectory, "gd1970-01-01.only-here.json"), "{}");
        var modules = Path.Combine(home.Path, "modules", "ArchiveImport");
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.10.0" })
        {
            Directory.CreateDirectory(Path.Combine(modules, version));
        }

        var logs = Path.Combine(home.Path, "var", "log");
        var oldLog = Path.Combine(logs, "archiveimport-" + DateTime.Now.AddDays(-91).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".json");
        File.WriteAllText(oldLog, "{}\n");
        var todaysLogs = Directory.GetFiles(logs, "archiveimport-*.json").Where(f => f != oldLog).Order().ToList();

        var removed = ps.Invoke($"& '{RemoveOldDeployment}' -ModuleRoot ./modules -Force -Confirm:$false").ThrowIfFailed();

        Assert.Equal(["Backup", "RemoveModuleVersions", "RemoveImportRuns", "RemoveLogs", "RemoveFlatMetadata"], Steps(removed));
        Assert.False(File.Exists(oldLog));
        Assert.NotEmpty(todaysLogs);
        Assert.All(todaysLogs, log => Assert.True(File.Exists(log), log));
        Assert.Contains("Removed 1 log file(s)", (string)Step(removed, "RemoveLogs").Properties["Detail"].Value);
        Assert.All(removed.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.Equal(["1.1.0", "1.10.0"], Directory.GetDirectories(modules).Select(Path.GetFileName).Order());
        Assert.Equal(["gd1970-01-01.only-here.json"], Directory.GetFiles(home.MetadataDirectory).Select(Path.GetFileName));
        Assert.True(File.Exists(perArtist));
        Assert.Contains("only-here", (string)Step(removed, "RemoveFlatMetadata").Properties["Detail"].Value);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Phase_3_moves_the_flat_layout_with_its_proof_counts_the_shows_and_runs_again(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Update-ArchiveDatabase -Confirm:$false; Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var files = Files(home.MetadataDirectory).Keys.Select(Path.GetFileName).Order().ToList();
        foreach (var file in Directory.GetFiles(home.MetadataDirectory, "*.json", SearchOption.AllDirectories))
        {
            File.Move(file, Path.Combine(home.MetadataDirectory, Path.GetFileName(file))); // the older, flat layout
        }

        var first = ps.Invoke($"& '{DeployData}'").ThrowIfFailed();

        Assert.Equal(["Backup", "MoveMetadata", "ValidateConfigs", "CountShows"], Steps(first));
        Assert.All(first.Output, step => Assert.Equal("Succeeded", Status(step)));
        Assert.StartsWith($"Moved {files.Count} of {files.Count} file(s)", (string)Step(first, "MoveMetadata").Properties["Detail"].Value);
        Assert.Empty(Directory.GetFiles(home.MetadataDirectory, "*.json"));
        Assert.Equal(files, Directory.GetFiles(Path.Combine(home.MetadataDirectory, "Grateful Dead")).Select(Path.GetFileName).Order());
        Assert.Equal($"{files.Count} show file(s) on disk, as many as the catalog lists.", (string)Step(first, "CountShows").Properties["Detail"].Value);

        var second = ps.Invoke($"& '{DeployData}'").ThrowIfFailed();
        Assert.All(second.Output, step => Assert.Equal("Succeeded", Status(step)));
    }

    [Fact]
    public async Task Phase_1_runs_in_the_bundled_host_as_a_scheduler_would_start_it_and_exits_0()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);

        var outcome = await ShellProcess.RunAsync(home.Path, "-File", DeployDatabase, "-HomePath", home.Path);

        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        foreach (var step in new[] { "Backup", "MaintenanceOn", "Migrate", "VerifySchema", "MaintenanceOff" })
        {
            Assert.Matches($@"(?m)^\S+\s+{step}\s+Succeeded", outcome.Output);
        }
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "deployment", name + ".ps1");

    private static void QueryTarget(TestHome home, int milliseconds) =>
        File.AppendAllLines(home.SettingsFile, ["health:", $"  maxDashboardQueryMilliseconds: {milliseconds}"]);

    private static CatalogDatabase CurrentCatalog(PowerShellSession ps, TestHome home)
    {
        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        return CatalogDatabase.For(SettingsLoader.Load(_ => null, home.Path).Database);
    }

    private static List<string> Steps(PipelineOutcome outcome) => outcome.Output.Select(o => (string)o.Properties["Step"].Value).ToList();

    private static string Status(PSObject step) => (string)step.Properties["Status"].Value;

    private static PSObject Step(PipelineOutcome outcome, string name, string? status = null) =>
        outcome.Output.Single(o => (string)o.Properties["Step"].Value == name && (status is null || Status(o) == status));

    private static long ShowCount(CatalogDatabase database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_show");
    }

    private static List<string> ActivityRows(CatalogDatabase database)
    {
        using var connection = database.Open();
        return connection.Query($"SELECT * FROM {ActivityTable}")
            .Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
    }

    private static Dictionary<string, long> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => new FileInfo(f).Length);
}

/// <summary>A catalog as the previous release left it: imported data, at the schema version before the newest migration.</summary>
internal static class OlderCatalog
{
    public const long Version = 4;

    public static CatalogDatabase Build(PowerShellSession ps, TestHome home)
    {
        ps.Invoke("Update-ArchiveDatabase -Confirm:$false; Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var database = CatalogDatabase.For(SettingsLoader.Load(_ => null, home.Path).Database);
        Assert.Equal(Version, new SchemaMigrator(database).MigrateTo(Version).CurrentVersion);
        return database;
    }

    /// <summary>Migration 5 adds runs_started … runs_cancelled … one by one: it fails at this one, after the first three.</summary>
    public static void AddColumnTheNextMigrationAddsLater(CatalogDatabase database)
    {
        using var connection = database.Open();
        connection.Execute("ALTER TABLE archivedotorg_daily_metrics ADD COLUMN runs_cancelled INTEGER NOT NULL DEFAULT 7");
    }
}
