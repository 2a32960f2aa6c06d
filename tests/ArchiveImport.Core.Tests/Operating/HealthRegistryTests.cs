using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>The health check registry and what Get-ArchiveHealth makes of it.</summary>
public sealed class HealthRegistryTests
{
    [Fact]
    public void Every_check_has_a_unique_id_a_name_a_description_and_tags()
    {
        Assert.Equal(HealthRegistry.Ids.Count, HealthRegistry.Ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(HealthRegistry.All, check =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", check.Id);
            Assert.False(string.IsNullOrWhiteSpace(check.Name));
            Assert.EndsWith(".", check.Description);
            Assert.NotEmpty(check.Tags);
        });
        Assert.Equal("database", HealthRegistry.Ids[0]);
    }

    [Fact]
    public void The_runbook_table_has_one_row_per_check_with_its_tags()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ArchiveImport.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("the repository root was not found");
        }

        var runbook = File.ReadAllLines(Path.Combine(root.FullName, "docs", "RUNBOOK.md"));
        Assert.All(HealthRegistry.All, check =>
            Assert.Contains(runbook, line => line.StartsWith($"| `{check.Id}` | {string.Join(", ", check.Tags)} |", StringComparison.Ordinal)));
    }

    [Fact]
    public void Each_threshold_a_check_names_is_a_setting_of_the_health_section()
    {
        var settings = typeof(SettingsLoader).GetNestedType("HealthFile", System.Reflection.BindingFlags.NonPublic)!.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(HealthRegistry.All.SelectMany(c => c.Thresholds), threshold => Assert.Contains(threshold, settings));
    }

    [Fact]
    public async Task Every_check_runs_on_a_healthy_catalog_each_result_with_its_duration_and_maintenance_turns_into_a_warning()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        // A limit no query on this shared machine reaches, however loaded: the test is about the verdict, not the speed.
        File.AppendAllLines(home.SettingsFile, ["health:", "  maxDashboardQueryMilliseconds: 60000"]);
        var services = Engines.Services(home);

        var results = new HealthService(services).Run().ToList();
        Assert.Equal(HealthRegistry.Ids, results.Select(r => r.Id).Distinct());
        Assert.All(results, r => Assert.True(r.Duration > TimeSpan.Zero, r.Id));
        var dashboard = results.Single(r => r.Id == "dashboard-queries");
        Assert.True(dashboard.Status == HealthStatus.Pass, dashboard.Message);

        new MaintenanceMode(services).Enable("checking the check");
        var maintenance = Assert.Single(new HealthService(services).Run(id => id == "maintenance"));
        Assert.Equal(HealthStatus.Warning, maintenance.Status);
        Assert.Contains("checking the check", maintenance.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_catalog_is_one_failed_database_check_and_the_file_checks_still_run()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress, "Server=127.0.0.1;Port=1;Database=archive;User ID=nobody;Connection Timeout=3");
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));

        var results = new HealthService(services).Run(id => id != "database").ToList();

        Assert.Equal(["database", "artist-configs", "log-errors"], results.Select(r => r.Id));
        Assert.Equal(HealthStatus.Fail, results[0].Status);
        Assert.Equal(HealthStatus.Pass, results[1].Status);
    }
}
