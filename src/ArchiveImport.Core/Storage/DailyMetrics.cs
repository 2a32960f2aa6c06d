using System.Globalization;
using Dapper;

namespace ArchiveImport.Core.Storage;

public sealed record DailyCounts(int ShowsDownloaded = 0, int ShowsPopulated = 0, int TracksProcessed = 0, int Errors = 0);

/// <summary>archivedotorg_daily_metrics: per artist and UTC day, counts added up over all runs.</summary>
public sealed class DailyMetrics
{
    private static readonly string[] Counters = ["shows_downloaded", "shows_populated", "tracks_processed", "errors"];
    private readonly CatalogDatabase database;

    public DailyMetrics(CatalogDatabase database) => this.database = database;

    public void Add(int artistId, DateTime now, DailyCounts counts)
    {
        using var connection = database.Open();
        connection.Execute(
            database.Dialect.UpsertAdding("archivedotorg_daily_metrics", ["metric_date", "artist_id", .. Counters], ["metric_date", "artist_id"], Counters),
            new
            {
                metric_date = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                artist_id = artistId,
                shows_downloaded = counts.ShowsDownloaded,
                shows_populated = counts.ShowsPopulated,
                tracks_processed = counts.TracksProcessed,
                errors = counts.Errors,
            });
    }
}
