using System.Text.Json;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Metrics;

/// <summary>Update-ArchiveDailyMetric's recompute, on a real SQLite file and a real MariaDB.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class DailyMetricAggregatorTests
{
    private static readonly Uri NoArchive = new("http://127.0.0.1:9");
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateTime Start = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private readonly MariaDbFixture mariaDb;

    public DailyMetricAggregatorTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_day_is_counted_from_its_runs_and_the_catalog_at_its_end_and_a_second_recompute_gives_the_same_rows(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var seed = new CatalogSeed(services);
        var alpha = seed.Artist("Alpha", Start.AddDays(-5));
        var beta = seed.Artist("Beta", Start.AddDays(-5));
        seed.Artist("Born Later", Start.AddDays(1)); // not yet known on the day: no row

        seed.Run(alpha, RunStatus.Completed, Start.AddDays(-1).AddHours(23)); // the day before
        seed.Run(alpha, RunStatus.Completed, Start);
        seed.Run(alpha, RunStatus.Completed, Start.AddHours(12));
        seed.Run(alpha, RunStatus.Failed, Start.AddHours(23).AddMinutes(59));
        seed.Run(alpha, RunStatus.Completed, Start.AddDays(1)); // the day after
        seed.Run(beta, RunStatus.Cancelled, Start.AddHours(3));
        seed.Run(beta, RunStatus.Running, Start.AddHours(4));

        seed.Show(alpha, Start.AddHours(-14), ["Exact"], ["Unmatched"], ["Ignored"]);
        seed.Show(alpha, Start.AddHours(23).AddMinutes(59), ["Exact", "Ambiguous"], ["Alias", "Phonetic"]);
        seed.Show(alpha, Start.AddDays(1), ["Exact"]); // populated after the day ended
        seed.Unmatched(alpha, "Open Before", Start.AddDays(-1));
        seed.Unmatched(alpha, "Open On The Day", Start.AddHours(5));
        seed.Unmatched(alpha, "Resolved", Start.AddDays(-1), resolved: true);
        seed.Unmatched(alpha, "Seen Later", Start.AddDays(1));
        services.Metrics.Add(alpha, Start.AddHours(2), new DailyCounts(ShowsDownloaded: 3, ShowsPopulated: 2, TracksProcessed: 10, Errors: 1));

        var aggregator = new DailyMetricAggregator(services.Database);
        var reader = new DailyMetricReader(services.Database);
        var now = Start.AddDays(1).AddHours(4);
        aggregator.Recompute(Day, now);
        var first = reader.Read(Day, Day);

        Assert.Equal(["Alpha", "Beta"], first.Select(m => m.Artist));
        var a = first[0];
        Assert.Equal((3, 2, 1, 0, 0), (a.RunsStarted, a.RunsCompleted, a.RunsFailed, a.RunsCancelled, a.RunsRunning));
        Assert.Equal((2, 5, 2, 2), (a.CatalogShows, a.CatalogTracks, a.TracksMatched, a.TracksUnmatched));
        Assert.Equal(50m, a.MatchRate);
        Assert.Equal(2, a.UnmatchedTitles);
        Assert.Equal((3, 2, 10, 1), (a.ShowsDownloaded, a.ShowsPopulated, a.TracksProcessed, a.Errors)); // the jobs' counters stay
        Assert.Equal(new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc), a.Date);
        Assert.Equal(DateTimeKind.Utc, a.Date.Kind);
        Assert.Equal(now, a.RecomputedAt);
        var b = first[1];
        Assert.Equal((2, 0, 0, 1, 1), (b.RunsStarted, b.RunsCompleted, b.RunsFailed, b.RunsCancelled, b.RunsRunning));
        Assert.Equal((0, 0, 0m), (b.CatalogShows, b.CatalogTracks, b.MatchRate));

        aggregator.Recompute(Day, now);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(reader.Read(Day, Day)));

        // Recomputed, not added: a run that appears later is counted once, the rest stays as it was.
        seed.Run(beta, RunStatus.Completed, Start.AddHours(6));
        aggregator.Recompute(Day, now);
        var third = reader.Read(Day, Day);
        Assert.Equal(3, third[1].RunsStarted);
        Assert.Equal(JsonSerializer.Serialize(first[0]), JsonSerializer.Serialize(third[0]));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Reading_filters_by_day_range_and_artist(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var seed = new CatalogSeed(services);
        seed.Artist("Alpha", Start.AddDays(-5));
        seed.Artist("Beta", Start.AddDays(-5));
        var aggregator = new DailyMetricAggregator(services.Database);
        for (var i = -2; i <= 2; i++)
        {
            aggregator.Recompute(Day.AddDays(i), Start);
        }

        var reader = new DailyMetricReader(services.Database);
        Assert.Equal(10, reader.Read(Day.AddDays(-2), Day.AddDays(2)).Count);
        var middle = reader.Read(Day.AddDays(-1), Day.AddDays(1), ["Beta"]);
        Assert.Equal([Day.AddDays(-1), Day, Day.AddDays(1)], middle.Select(m => DateOnly.FromDateTime(m.Date)));
        Assert.All(middle, m => Assert.Equal("Beta", m.Artist));
        Assert.Empty(reader.Read(Day.AddDays(3), Day.AddDays(9)));
    }
}
