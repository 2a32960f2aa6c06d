using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>What the catalog gives back, on a real SQLite file and a real MariaDB: types and times as written.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class CatalogReadBackTests
{
    private static readonly Uri NoArchive = new("http://127.0.0.1:9");
    private readonly MariaDbFixture mariaDb;

    public CatalogReadBackTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_whole_match_rate_reads_back_beside_a_fractional_one_and_health_reports_both(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var now = services.Now;
        var partly = services.Artists.Ensure("Partly Matched", "P", now);
        var fully = services.Artists.Ensure("Fully Matched", "F", now);
        var alone = services.Artists.Ensure("Alone", "A", now);
        using (var connection = services.Database.Open())
        {
            const string Insert = """
                INSERT INTO archivedotorg_artist_status (artist_id, tracks_total, tracks_matched, tracks_unmatched, match_rate, updated_at)
                VALUES (@id, @total, @matched, @unmatched, @rate, @now)
                """;
            connection.Execute(Insert, new { id = partly, total = 40, matched = 39, unmatched = 1, rate = 97.5m, now });
            connection.Execute(Insert, new { id = fully, total = 20, matched = 20, unmatched = 0, rate = 100m, now });
        }

        // Dapper reads every row with the first row's column types: 97.5 first, then 100.
        var statuses = services.Catalog.ArtistStatuses();
        Assert.Equal([97.5m, 100m], statuses.Select(s => s.MatchRate));

        var rates = new HealthService(services).Run(id => id == "match-rate").ToList();
        Assert.Equal(["Partly Matched", "Fully Matched"], rates.Select(r => r.Target));
        Assert.Equal(100m, decimal.Parse(rates[1].Value!, System.Globalization.CultureInfo.InvariantCulture));

        // A whole rate alone (the first and only row) reads too.
        using (var connection = services.Database.Open())
        {
            connection.Execute("DELETE FROM archivedotorg_artist_status");
            connection.Execute(
                "INSERT INTO archivedotorg_artist_status (artist_id, tracks_total, tracks_matched, match_rate, updated_at) VALUES (@alone, 5, 5, 100, @now)",
                new { alone, now });
        }

        Assert.Equal(100m, Assert.Single(services.Catalog.ArtistStatuses()).MatchRate);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_time_read_back_is_UTC_and_the_same_instant_as_written(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var started = new DateTime(2026, 3, 14, 15, 9, 26, DateTimeKind.Utc);
        var artistId = services.Artists.Ensure("Timely", "T", started);
        var runId = services.Runs.Start(artistId, ImportKind.Download, started);
        services.Runs.Finish(runId, RunStatus.Completed, new RunCounts(1, 0, 2), null, started.AddMinutes(3));

        var run = services.Runs.Get(runId)!;

        Assert.Equal(DateTimeKind.Utc, run.StartedAt.Kind);
        Assert.Equal(started, run.StartedAt);
        Assert.Equal(DateTimeKind.Utc, run.FinishedAt!.Value.Kind);
        Assert.Equal(started.AddMinutes(3), run.FinishedAt);
        Assert.Equal(DateTimeKind.Utc, run.HeartbeatAt.Kind);
        // An instant, whatever the local time zone: converting to an offset must not shift it.
        Assert.Equal(TimeSpan.Zero, new DateTimeOffset(run.StartedAt).Offset);
        Assert.Null(run.Holder); // ended: nobody holds anything
    }

    [Fact]
    public void A_file_that_is_not_a_SQLite_database_is_reported_as_such_and_health_fails_its_database_check()
    {
        using var home = TestHome.Create(NoArchive);
        Directory.CreateDirectory(Path.GetDirectoryName(home.SqlitePath)!);
        File.WriteAllBytes(home.SqlitePath, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));

        var error = Assert.Throws<CatalogUnavailableException>(() => services.EnsureSchema());

        Assert.Equal(CatalogProblem.NotADatabase, error.Problem);
        Assert.Contains($"The file {home.SqlitePath} is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("server", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);

        var database = Assert.Single(new HealthService(services).Run(id => id == "database"));
        Assert.Equal(HealthStatus.Fail, database.Status);
        Assert.Contains("is not a SQLite database", database.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SQLite_error_says_nothing_about_a_server()
    {
        using var home = TestHome.Create(NoArchive);
        Directory.CreateDirectory(home.SqlitePath); // a folder where the file should be: cannot be opened
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));

        var error = Assert.Throws<CatalogUnavailableException>(() => services.EnsureSchema());

        Assert.Equal(CatalogProblem.Unreachable, error.Problem);
        Assert.DoesNotContain("server", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("can be read and written.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_outside_the_home_is_refused_and_inside_it_is_created()
    {
        using var home = TestHome.Create(NoArchive);
        var outside = Path.Combine(Path.GetTempPath(), "aimissing-" + Guid.NewGuid().ToString("N")[..8], "dir");
        var refused = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path, new SettingsOverrides { Database = Path.Combine(outside, "x.db") }));

        var error = Assert.Throws<CatalogUnavailableException>(() => refused.EnsureSchema());

        Assert.Equal(CatalogProblem.FolderMissing, error.Problem);
        Assert.Contains($"The folder {outside} does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("New-Item -ItemType Directory", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(outside)));

        var inside = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        Assert.Equal(Path.GetDirectoryName(home.SqlitePath), inside.Database.EnsureFolder());
        Assert.Null(inside.Database.EnsureFolder());
        inside.EnsureSchema();
        Assert.True(File.Exists(home.SqlitePath));
    }
}
