using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

[CollectionDefinition(Name)]
public sealed class ConcurrencyCollection : ICollectionFixture<MariaDbFixture>
{
    // One at a time: these tests start up to eight archive-import processes each.
    public const string Name = "Concurrency";
}

/// <summary>
/// archive-import processes started together, as cron on several hosts or an impatient operator starts them: first use
/// of a new catalog, the artist locks, several artists at once on both engines, and stopping from another process.
/// Every wait is on database state or process exit, each bounded; the fake archive.org's latency keeps a first run
/// certainly running while the others start.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class ConcurrencyTests(MariaDbFixture mariaDb)
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Eight_processes_on_a_fresh_SQLite_home_all_succeed_and_the_schema_is_migrated_once()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);

        // Each process first creates a catalog of its own, so all cross the start line with the migration code loaded.
        using var race = await ShellRace.ReadyAsync(home.Path, Enumerable.Repeat("Get-ArchiveImportRun", 8).ToList(),
            warmUp: "Get-ArchiveImportRun -HomePath $warm | Out-Null");
        race.Go();
        var outcomes = await race.WaitAllAsync(ProcessLimit);

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Errors));
        var probe = CatalogProbe.Sqlite(home);
        Assert.Equal(SchemaMigrator.LatestVersion, probe.Scalar($"SELECT MAX(Version) FROM {SchemaMigrator.VersionTable}"));
        Assert.Equal(probe.Scalar($"SELECT COUNT(DISTINCT Version) FROM {SchemaMigrator.VersionTable}"), probe.Scalar($"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
    }

    [Fact]
    public async Task Concurrent_Update_ArchiveDatabase_on_a_new_MariaDB_database_all_succeed_and_migrate_once()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var database = await mariaDb.Server.CreateDatabaseAsync();
        using var home = TestHome.Create(archive.BaseAddress, database);

        using var race = await ShellRace.ReadyAsync(home.Path, Enumerable.Repeat("Update-ArchiveDatabase -Confirm:$false | Out-Null", 4).ToList());
        race.Go();
        var outcomes = await race.WaitAllAsync(ProcessLimit);

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Errors));
        var probe = CatalogProbe.MySql(database);
        Assert.Equal(SchemaMigrator.LatestVersion, probe.Scalar($"SELECT MAX(Version) FROM {SchemaMigrator.VersionTable}"));
        Assert.Equal(probe.Scalar($"SELECT COUNT(DISTINCT Version) FROM {SchemaMigrator.VersionTable}"), probe.Scalar($"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
        var after = await ShellProcess.RunAsync(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 2 | Invoke-ArchivePopulate");
        Assert.True(after.ExitCode == 0, after.Errors);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Of_processes_started_together_on_one_artist_exactly_one_runs_and_the_rest_fail_at_once_naming_it(int processes)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        // ~20 s of downloading for the one that runs: far longer than the others take to fail, even on a loaded machine.
        ShowFixtures.Add(archive, "GratefulDead", "gd-lock", 80);
        archive.Latency = TimeSpan.FromMilliseconds(250);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        using var race = await ShellRace.ReadyAsync(home.Path,
            Enumerable.Repeat("Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1 | Out-Null", processes).ToList());
        race.Go();
        var deadline = DateTime.UtcNow + ProcessLimit;
        while (race.Shells.Count(s => s.HasExited) < processes - 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        var running = Assert.Single(race.Shells, s => !s.HasExited);
        var run = Assert.Single(ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed().Objects<ImportRun>());
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(running.Id, run.Pid);
        foreach (var loser in race.Shells.Where(s => s != running))
        {
            var outcome = await loser.WaitAsync(ProcessLimit);
            Assert.Equal(1, outcome.ExitCode);
            var named = $"A download of 'Grateful Dead' is already running: run {run.Id} on host {run.Host}, pid {run.Pid}";
            Assert.True(outcome.Errors.Contains(named, StringComparison.Ordinal), $"Expected: {named}\nGot: {outcome.Errors}");
        }

        ps.Invoke($"Stop-ArchiveImport -Id {run.Id}").ThrowIfFailed();
        await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RunStatus.Cancelled, ps.Invoke($"Get-ArchiveImportRun -Id {run.Id}").ThrowIfFailed().Objects<ImportRun>().Single().Status);
        Assert.Single(ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed().Objects<ImportRun>());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Eight_processes_on_eight_artists_all_succeed_with_correct_totals(string engine)
    {
        const int Artists = 8, ShowsEach = 12;
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Latency = TimeSpan.FromMilliseconds(20);
        var database = engine == "mariadb" ? await mariaDb.Server.CreateDatabaseAsync() : null;
        using var home = TestHome.Create(archive.BaseAddress, database);
        var names = Enumerable.Range(1, Artists).Select(n => $"Dead Copy {n}").ToList();
        for (var n = 0; n < Artists; n++)
        {
            ShowFixtures.AddArtistCopy(home, names[n], $"DeadCopy{n + 1}");
            ShowFixtures.Add(archive, $"DeadCopy{n + 1}", $"dc{n + 1}", ShowsEach);
        }

        if (database is not null)
        {
            using var ps = new PowerShellSession(home.Path);
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        using var race = await ShellRace.ReadyAsync(home.Path,
            names.Select(name => $"Invoke-ArchiveDownload -Artist '{name}' -ThrottleLimit 2 | Invoke-ArchivePopulate | Out-Null").ToList());
        race.Go();
        var outcomes = await race.WaitAllAsync(ProcessLimit);

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Errors));
        var probe = CatalogProbe.For(home, database);
        Assert.Equal(0, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_import_run WHERE status <> 'completed'"));
        Assert.Equal(2 * Artists, probe.Scalar($"SELECT COUNT(*) FROM archivedotorg_import_run WHERE shows_processed = {ShowsEach} AND shows_failed = 0"));
        var importable = ShowsEach - ShowsEach / 25;
        Assert.Equal(Artists * importable, probe.Scalar("SELECT COUNT(*) FROM catalog_show"));
        Assert.Equal(probe.Scalar("SELECT SUM(track_count) FROM catalog_show"), probe.Scalar("SELECT COUNT(*) FROM catalog_track"));

        // Every artist has the same shows, so every artist's status and unmatched titles come out the same.
        var statuses = probe.Rows(
            """
            SELECT a.artist_name, s.shows_downloaded, s.shows_populated, s.tracks_total, s.tracks_matched, s.tracks_unmatched, s.tracks_ignored,
                   (SELECT SUM(u.occurrences) FROM archivedotorg_unmatched_track u WHERE u.artist_id = a.artist_id)
            FROM archivedotorg_artist a JOIN archivedotorg_artist_status s ON s.artist_id = a.artist_id ORDER BY a.artist_name
            """);
        Assert.Equal(names, statuses.Select(s => s[0]));
        Assert.All(statuses, s => Assert.Equal(statuses[0][1..], s[1..]));
        Assert.Equal([importable.ToString(), importable.ToString()], statuses[0][1..3]);
        Assert.Equal(probe.Scalar("SELECT COUNT(*) FROM catalog_track") / Artists, long.Parse(statuses[0][3]));
    }

    [Fact]
    public async Task Stop_ArchiveImport_from_another_process_ends_a_running_download_within_one_show()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "GratefulDead", "gd-stop", 60);
        archive.Latency = TimeSpan.FromMilliseconds(300);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed();
        var probe = CatalogProbe.Sqlite(home);

        using var download = RunningShell.Start(home.Path, "-Command", "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1 | Out-Null");
        await probe.WaitForAsync("SELECT COUNT(*) FROM archivedotorg_show_metadata", 3, ProcessLimit, () => download.HasExited);

        var asked = ps.Invoke("Stop-ArchiveImport -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>().Single();
        var doneWhenAsked = probe.Scalar("SELECT COUNT(*) FROM archivedotorg_show_metadata");
        await download.WaitAsync(TimeSpan.FromSeconds(60));

        var run = ps.Invoke($"Get-ArchiveImportRun -Id {asked.Id}").ThrowIfFailed().Objects<ImportRun>().Single();
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.InRange(probe.Scalar("SELECT COUNT(*) FROM archivedotorg_show_metadata"), doneWhenAsked, doneWhenAsked + 1);
        Assert.Equal(run.ShowsProcessed, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_show_metadata"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mariadb")]
    // On SQLite a populate commits a batch and starts the next at once, and SQLite's busy handler gives a waiting writer no
    // turn, so the stop request also goes beside the lock file, where the run looks before every show.
    public async Task Stop_ArchiveImport_from_another_process_ends_a_running_populate_within_one_show(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "GratefulDead", "gd-stop", 1000); // populate writes hundreds of shows a second: enough to be stopped mid-run
        var database = engine == "mariadb" ? await mariaDb.Server.CreateDatabaseAsync() : null;
        using var home = TestHome.Create(archive.BaseAddress, database);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Update-ArchiveDatabase -Confirm:$false | Out-Null; Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 8 | Out-Null").ThrowIfFailed();
        var probe = CatalogProbe.For(home, database);

        using var populate = RunningShell.Start(home.Path, "-Command", "Invoke-ArchivePopulate -Artist 'Grateful Dead' | Out-Null");
        await probe.WaitForAsync("SELECT COUNT(*) FROM catalog_show", 3, ProcessLimit, () => populate.HasExited);

        var asked = ps.Invoke("Stop-ArchiveImport -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ImportRun>().Single();
        var doneWhenAsked = probe.Scalar("SELECT COUNT(*) FROM catalog_show");
        await populate.WaitAsync(TimeSpan.FromSeconds(60));

        var run = ps.Invoke($"Get-ArchiveImportRun -Id {asked.Id}").ThrowIfFailed().Objects<ImportRun>().Single();
        Assert.True(run.Status == RunStatus.Cancelled, $"The populate run ended {run.Status} after {run.ShowsProcessed} shows; it must still be running when asked to stop.");
        // The run stops before its next show; what it had written is committed as it stops, and the count seen when it was
        // asked lags the shows written by at most one batch (50 shows share a commit, see PopulateSession.ShowsPerCommit).
        Assert.InRange(probe.Scalar("SELECT COUNT(*) FROM catalog_show"), doneWhenAsked, doneWhenAsked + 50 + 1);
        Assert.True(run.ShowsProcessed < 1000, $"The run went on to the end ({run.ShowsProcessed} shows) after it was asked to stop.");
    }
}
