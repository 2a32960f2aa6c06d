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
    private static readonly string DeployDatabase = Path.Combine(AppContext.BaseDirectory, "deployment", "Deploy-Database.ps1");

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
        Assert.Equal(5, ActivityRows(database).Count(row => row.Contains("Deploy-Database", StringComparison.Ordinal) && row.Contains("Succeeded", StringComparison.Ordinal)));

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
        Assert.Contains(activity, row => row.Contains("Deploy-Database", StringComparison.Ordinal) && row.Contains("Failed", StringComparison.Ordinal));
        Assert.Equal(OlderCatalog.Version, new SchemaMigrator(database).GetStatus().CurrentVersion);
        Assert.False(new MaintenanceRepository(database).Get().Enabled);
    }

    private static List<string> Steps(PipelineOutcome outcome) => outcome.Output.Select(o => (string)o.Properties["Step"].Value).ToList();

    private static string Status(PSObject step) => (string)step.Properties["Status"].Value;

    private static PSObject Step(PipelineOutcome outcome, string name) => outcome.Output.Single(o => (string)o.Properties["Step"].Value == name);

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
