using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>Everything one dashboard shows, gathered once.</summary>
public sealed record DashboardData(
    DateOnly From,
    DateOnly To,
    DateTime GeneratedAt,
    string Catalog,
    IReadOnlyList<ImportsOnDay> Imports,
    IReadOnlyList<MatchRateOnDay> MatchRates,
    IReadOnlyList<UnmatchedOnDay> Unmatched,
    IReadOnlyList<ArtistStatusRow> WeakestArtists,
    IReadOnlyList<UnmatchedTrack> TopUnmatched,
    IReadOnlyList<ImportRun> ActiveRuns,
    IReadOnlyList<ImportRun> RecentRuns,
    IReadOnlyList<HealthCheckResult> Health)
{
    /// <summary>Every day of the range, oldest first: days without metrics stay on the axis as gaps.</summary>
    public IReadOnlyList<DateOnly> Days =>
        Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays).ToList();
}
