using System.Diagnostics;
using ArchiveImport.Core.Storage;
using Dapper;

namespace ArchiveImport.Core.Operations;

public sealed record ImportsOnDay(DateOnly Day, int Completed, int Failed, int Cancelled, int Running);

public sealed record MatchRateOnDay(string Artist, DateOnly Day, decimal MatchRate);

public sealed record UnmatchedOnDay(DateOnly Day, int Titles);

/// <summary>How long one dashboard query took (health checks and deployment scripts hold it to a limit).</summary>
public sealed record DashboardQueryTiming(string Query, TimeSpan Elapsed, int Rows);

/// <summary>
/// Every query the dashboard runs, one method each, in one place so each can be timed on its own
/// (<see cref="TimeAll"/>). The charts read the recomputed daily metrics; the tables read the live tables.
/// </summary>
public sealed class DashboardQueries
{
    public const int WeakestArtistCount = 10;
    public const int TopUnmatchedCount = 20;
    public const int RecentRunCount = 20;

    private readonly ArchiveServices services;

    public DashboardQueries(ArchiveServices services) => this.services = services;

    public IReadOnlyList<ImportsOnDay> ImportsPerDay(DateOnly from, DateOnly to)
    {
        using var connection = services.Database.Open();
        return connection.Query<(string Day, long Completed, long Failed, long Cancelled, long Running)>(
                """
                SELECT metric_date, SUM(runs_completed), SUM(runs_failed), SUM(runs_cancelled), SUM(runs_running)
                FROM archivedotorg_daily_metrics WHERE metric_date >= @from AND metric_date <= @to
                GROUP BY metric_date ORDER BY metric_date
                """,
                Range(from, to))
            .Select(r => new ImportsOnDay(DateOnly.ParseExact(r.Day, "yyyy-MM-dd"), (int)r.Completed, (int)r.Failed, (int)r.Cancelled, (int)r.Running))
            .ToList();
    }

    /// <summary>Each artist's match rate per day, for the days it had matched or unmatched tracks.</summary>
    public IReadOnlyList<MatchRateOnDay> MatchRateOverTime(DateOnly from, DateOnly to)
    {
        using var connection = services.Database.Open();
        return connection.Query<(string Artist, string Day, decimal Rate)>(
                """
                SELECT a.artist_name, m.metric_date, m.match_rate + 0.0
                FROM archivedotorg_daily_metrics m JOIN archivedotorg_artist a ON a.artist_id = m.artist_id
                WHERE m.metric_date >= @from AND m.metric_date <= @to AND m.tracks_matched + m.tracks_unmatched > 0
                ORDER BY a.artist_name, m.metric_date
                """,
                Range(from, to))
            .Select(r => new MatchRateOnDay(r.Artist, DateOnly.ParseExact(r.Day, "yyyy-MM-dd"), r.Rate))
            .ToList();
    }

    public IReadOnlyList<UnmatchedOnDay> UnmatchedOverTime(DateOnly from, DateOnly to)
    {
        using var connection = services.Database.Open();
        return connection.Query<(string Day, long Titles)>(
                """
                SELECT metric_date, SUM(unmatched_titles) FROM archivedotorg_daily_metrics
                WHERE metric_date >= @from AND metric_date <= @to GROUP BY metric_date ORDER BY metric_date
                """,
                Range(from, to))
            .Select(r => new UnmatchedOnDay(DateOnly.ParseExact(r.Day, "yyyy-MM-dd"), (int)r.Titles))
            .ToList();
    }

    /// <summary>The artists with the lowest match rate now, among those with matched or unmatched tracks.</summary>
    public IReadOnlyList<ArtistStatusRow> WeakestArtists()
    {
        using var connection = services.Database.Open();
        return connection.Query<ArtistStatusRow>(
            """
            SELECT a.artist_name AS Artist, s.tracks_total AS TracksTotal, s.tracks_matched AS TracksMatched,
                   s.tracks_unmatched AS TracksUnmatched, s.match_rate + 0.0 AS MatchRate
            FROM archivedotorg_artist_status s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id
            WHERE s.tracks_matched + s.tracks_unmatched > 0
            ORDER BY s.match_rate, a.artist_name LIMIT @limit
            """,
            new { limit = WeakestArtistCount }).AsList();
    }

    public IReadOnlyList<UnmatchedTrack> TopUnmatched() => services.Catalog.Unmatched(null, TopUnmatchedCount, includeResolved: false);

    public IReadOnlyList<ImportRun> ActiveRuns() => services.Runs.Running();

    public IReadOnlyList<ImportRun> RecentRuns() => services.Runs.Latest(RecentRunCount);

    /// <summary>Runs each query once on its own and reports how long it took.</summary>
    public IReadOnlyList<DashboardQueryTiming> TimeAll(DateOnly from, DateOnly to) =>
    [
        Time(nameof(ImportsPerDay), () => ImportsPerDay(from, to).Count),
        Time(nameof(MatchRateOverTime), () => MatchRateOverTime(from, to).Count),
        Time(nameof(UnmatchedOverTime), () => UnmatchedOverTime(from, to).Count),
        Time(nameof(WeakestArtists), () => WeakestArtists().Count),
        Time(nameof(TopUnmatched), () => TopUnmatched().Count),
        Time(nameof(ActiveRuns), () => ActiveRuns().Count),
        Time(nameof(RecentRuns), () => RecentRuns().Count),
    ];

    private static DashboardQueryTiming Time(string name, Func<int> query)
    {
        var clock = Stopwatch.StartNew();
        var rows = query();
        return new DashboardQueryTiming(name, clock.Elapsed, rows);
    }

    private static object Range(DateOnly from, DateOnly to) => new { from = DailyMetricReader.Day(from), to = DailyMetricReader.Day(to) };
}
