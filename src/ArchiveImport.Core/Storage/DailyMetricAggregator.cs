using System.Data;
using System.Globalization;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Recomputes one UTC day of archivedotorg_daily_metrics from the source tables (the older 4 a.m. job): runs started
/// that day by outcome, and the catalog as it stood at the day's end (shows populated by then, their tracks' match
/// rate, unresolved titles first seen by then). It overwrites only the columns it computes, so running it again gives
/// the same rows and the jobs' own counters (<see cref="DailyMetrics.Add"/>) are left as they counted them.
/// </summary>
public sealed class DailyMetricAggregator
{
    private static readonly string[] Computed =
    [
        "runs_started", "runs_completed", "runs_failed", "runs_cancelled", "runs_running", "catalog_shows", "catalog_tracks",
        "tracks_matched", "tracks_unmatched", "match_rate", "unmatched_titles", "recomputed_at",
    ];

    private readonly CatalogDatabase database;

    public DailyMetricAggregator(CatalogDatabase database) => this.database = database;

    /// <summary>Recomputes <paramref name="day"/> for every artist the catalog knew by its end, in one transaction.</summary>
    public void Recompute(DateOnly day, DateTime now)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var parameters = new
        {
            start, end, no = false,
            unmatched = CatalogRepository.UnmatchedMethods, matchedMethods = CatalogRepository.MatchedMethods,
        };

        var artists = connection.Query<int>("SELECT artist_id FROM archivedotorg_artist WHERE created_at < @end", parameters, transaction);
        var runs = Counts(connection, transaction, parameters,
            "SELECT artist_id AS ArtistId, status AS Name, COUNT(*) AS Count FROM archivedotorg_import_run " +
            "WHERE started_at >= @start AND started_at < @end GROUP BY artist_id, status");
        var shows = Counts(connection, transaction, parameters,
            "SELECT artist_id AS ArtistId, 'shows' AS Name, COUNT(*) AS Count FROM catalog_show WHERE populated_at < @end GROUP BY artist_id");
        var titles = Counts(connection, transaction, parameters,
            "SELECT artist_id AS ArtistId, 'titles' AS Name, COUNT(*) AS Count FROM archivedotorg_unmatched_track " +
            "WHERE resolved = @no AND first_seen < @end GROUP BY artist_id");
        // A track is unmatched when any of its songs is, matched when all its songs are otherwise matched, else ignored
        // (as archivedotorg_artist_status counts it).
        var tracks = Counts(connection, transaction, parameters,
            """
            SELECT artist_id AS ArtistId, outcome AS Name, COUNT(*) AS Count
            FROM (SELECT ts.artist_id,
                         CASE WHEN SUM(CASE WHEN ts.match_method IN @unmatched THEN 1 ELSE 0 END) > 0 THEN 'unmatched'
                              WHEN SUM(CASE WHEN ts.match_method IN @matchedMethods THEN 1 ELSE 0 END) > 0 THEN 'matched'
                              ELSE 'ignored' END AS outcome
                  FROM catalog_show s JOIN catalog_track t ON t.show_id = s.show_id JOIN catalog_track_song ts ON ts.track_id = t.track_id
                  WHERE s.populated_at < @end
                  GROUP BY ts.artist_id, ts.track_id) per_track
            GROUP BY artist_id, outcome
            """);

        var upsert = database.Dialect.Upsert("archivedotorg_daily_metrics", ["metric_date", "artist_id", .. Computed], ["metric_date", "artist_id"], Computed);
        connection.Execute(upsert, artists.Select(artist =>
        {
            int Count(Dictionary<(int, string), int> counts, string name) => counts.GetValueOrDefault((artist, name));
            int matched = Count(tracks, "matched"), unmatched = Count(tracks, "unmatched");
            return new
            {
                metric_date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                artist_id = artist,
                runs_started = runs.Where(r => r.Key.Item1 == artist).Sum(r => r.Value),
                runs_completed = Count(runs, RunStatus.Completed),
                runs_failed = Count(runs, RunStatus.Failed),
                runs_cancelled = Count(runs, RunStatus.Cancelled),
                runs_running = Count(runs, RunStatus.Running),
                catalog_shows = Count(shows, "shows"),
                catalog_tracks = matched + unmatched + Count(tracks, "ignored"),
                tracks_matched = matched,
                tracks_unmatched = unmatched,
                match_rate = matched + unmatched == 0 ? 0m : Math.Round(100m * matched / (matched + unmatched), 2),
                unmatched_titles = Count(titles, "titles"),
                recomputed_at = now,
            };
        }).ToList(), transaction);
        transaction.Commit();
    }

    private static Dictionary<(int, string), int> Counts(IDbConnection connection, IDbTransaction transaction, object parameters, string sql) =>
        connection.Query<(int ArtistId, string Name, long Count)>(sql, parameters, transaction)
            .ToDictionary(row => (row.ArtistId, row.Name), row => (int)row.Count);
}
