namespace ArchiveImport.Core.Storage;

/// <summary>
/// One artist's day in archivedotorg_daily_metrics. The first four counts are added by the jobs as they work (a
/// repeated show counts again); the rest are recomputed from the runs, the catalog and the unmatched titles by
/// <see cref="DailyMetricAggregator"/>, which owns them.
/// </summary>
public sealed class DailyMetric
{
    public DateTime Date { get; init; }
    public string Artist { get; init; } = "";
    public int ShowsDownloaded { get; init; }
    public int ShowsPopulated { get; init; }
    public int TracksProcessed { get; init; }
    public int Errors { get; init; }
    public int RunsStarted { get; init; }
    public int RunsCompleted { get; init; }
    public int RunsFailed { get; init; }
    public int RunsCancelled { get; init; }
    public int RunsRunning { get; init; }
    /// <summary>Shows in the catalog at the end of the day.</summary>
    public int CatalogShows { get; init; }
    /// <summary>Tracks of those shows.</summary>
    public int CatalogTracks { get; init; }
    public int TracksMatched { get; init; }
    public int TracksUnmatched { get; init; }
    /// <summary>Percent of the matched and unmatched tracks that matched (ignored tracks, like applause, left out).</summary>
    public decimal MatchRate { get; init; }
    /// <summary>Distinct unresolved unmatched titles first seen by the end of the day.</summary>
    public int UnmatchedTitles { get; init; }
    public DateTime? RecomputedAt { get; init; }
}
