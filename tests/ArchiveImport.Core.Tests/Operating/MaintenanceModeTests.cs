using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Maintenance mode lives in the catalog: every machine sharing it is paused, until it is disabled.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MaintenanceModeTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public MaintenanceModeTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task While_maintenance_is_on_no_import_starts_and_the_refusal_says_who_when_and_why(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var maintenance = new MaintenanceMode(services);

        var state = maintenance.Enable("upgrading the server");
        Assert.True(state.Enabled);
        Assert.Equal(Environment.UserName, state.EnabledBy);
        Assert.Equal(Environment.MachineName, state.Host);

        var download = await Assert.ThrowsAsync<MaintenanceModeException>(
            () => new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None));
        Assert.Contains($"by {Environment.UserName} on {Environment.MachineName}: upgrading the server", download.Message, StringComparison.Ordinal);
        Assert.Contains("Disable-ArchiveMaintenance", download.Message, StringComparison.Ordinal);

        using (var job = new PopulateJob(services, new RecordingReporter(), new PopulateOptions()))
        {
            Assert.Throws<MaintenanceModeException>(() => job.Populate(Artist, ["gd73-06-10.sbd.hollister.174.sbeok.shnf"], CancellationToken.None));
        }

        Assert.Empty(services.Runs.Find(new RunFilter()));
        Assert.Equal(0, archive.CountRequests("/"));

        Assert.True(maintenance.Disable());
        Assert.False(maintenance.Disable());
        Assert.False(maintenance.Current().Enabled);
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);

        using var connection = services.Database.Open();
        Assert.Equal(
            ["maintenance_enabled", "maintenance_disabled"],
            connection.Query<string>("SELECT event FROM archivedotorg_activity_log WHERE event LIKE 'maintenance%' ORDER BY id"));
    }

    [Fact]
    public async Task Maintenance_turned_on_from_one_home_pauses_another_home_on_the_same_MariaDB()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var database = await mariaDb.Server.CreateDatabaseAsync();
        using var first = TestHome.Create(archive.BaseAddress, database);
        using var second = TestHome.Create(archive.BaseAddress, database);
        var here = Engines.Services(first);
        var there = Engines.Services(second);

        new MaintenanceMode(here).Enable("moving the server");
        new MaintenanceMode(here).Enable("moving the server, take two");

        var state = new MaintenanceMode(there).Current();
        Assert.True(state.Enabled);
        Assert.Equal("moving the server, take two", state.Reason);
        await Assert.ThrowsAsync<MaintenanceModeException>(
            () => new DownloadJob(there).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None));
    }
}
