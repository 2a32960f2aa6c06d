using System.Globalization;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>Reads archivedotorg_daily_metrics back as <see cref="DailyMetric"/> rows, by day range and artist.</summary>
public sealed class DailyMetricReader
{
    private readonly CatalogDatabase database;

    public DailyMetricReader(CatalogDatabase database) => this.database = database;

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first, then by artist.</summary>
    public IReadOnlyList<DailyMetric> Read(DateOnly from, DateOnly to, IReadOnlyList<string>? artists = null)
    {
        var sql = """
            SELECT m.metric_date AS Date, a.artist_name AS Artist, m.shows_downloaded AS ShowsDownloaded,
                   m.shows_populated AS ShowsPopulated, m.tracks_processed AS TracksProcessed, m.errors AS Errors,
                   m.runs_started AS RunsStarted, m.runs_completed AS RunsCompleted, m.runs_failed AS RunsFailed,
                   m.runs_cancelled AS RunsCancelled, m.runs_running AS RunsRunning, m.catalog_shows AS CatalogShows,
                   m.catalog_tracks AS CatalogTracks, m.tracks_matched AS TracksMatched, m.tracks_unmatched AS TracksUnmatched,
                   m.match_rate + 0.0 AS MatchRate, m.unmatched_titles AS UnmatchedTitles, m.recomputed_at AS RecomputedAt
            FROM archivedotorg_daily_metrics m JOIN archivedotorg_artist a ON a.artist_id = m.artist_id
            WHERE m.metric_date >= @from AND m.metric_date <= @to
            """;
        if (artists is { Count: > 0 })
        {
            sql += " AND a.artist_name IN @artists";
        }

        sql += " ORDER BY m.metric_date, a.artist_name";
        using var connection = database.Open();
        // metric_date is text (the older system's column): UtcDateTimeHandler reads "yyyy-MM-dd" as that day's UTC midnight.
        return connection.Query<DailyMetric>(sql, new { from = Day(from), to = Day(to), artists }).AsList();
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
