using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>One artist's counts as the catalog holds them (archivedotorg_artist_status and the open unmatched titles).</summary>
public sealed class ArtistCounts
{
    public int ArtistId { get; init; }
    public string Artist { get; init; } = "";
    public int ShowsDownloaded { get; init; }
    public int ShowsNotImportable { get; init; }
    public int ShowsPopulated { get; init; }
    public int Tracks { get; init; }
    public int TracksMatched { get; init; }
    public int TracksUnmatched { get; init; }
    public decimal MatchRate { get; init; }
    public int UnmatchedTitles { get; init; }
}

/// <summary>The per-artist overview behind Get-ArchiveStatus: counts, and each artist's latest run of each kind.</summary>
public sealed class ArtistOverviewRepository
{
    private readonly CatalogDatabase database;

    public ArtistOverviewRepository(CatalogDatabase database) => this.database = database;

    public IReadOnlyList<ArtistCounts> Counts()
    {
        using var connection = database.Open();
        return connection.Query<ArtistCounts>(
            """
            SELECT a.artist_id AS ArtistId, a.artist_name AS Artist,
                   COALESCE(s.shows_downloaded, 0) AS ShowsDownloaded, COALESCE(s.shows_not_importable, 0) AS ShowsNotImportable,
                   COALESCE(s.shows_populated, 0) AS ShowsPopulated, COALESCE(s.tracks_total, 0) AS Tracks,
                   COALESCE(s.tracks_matched, 0) AS TracksMatched, COALESCE(s.tracks_unmatched, 0) AS TracksUnmatched,
                   COALESCE(s.match_rate, 0) AS MatchRate, COALESCE(u.titles, 0) AS UnmatchedTitles
            FROM archivedotorg_artist a
            LEFT JOIN archivedotorg_artist_status s ON s.artist_id = a.artist_id
            LEFT JOIN (SELECT artist_id, COUNT(*) AS titles FROM archivedotorg_unmatched_track WHERE resolved = @no GROUP BY artist_id) u
                   ON u.artist_id = a.artist_id
            ORDER BY a.artist_name
            """, new { no = false }).AsList();
    }

    /// <summary>The latest run of each kind of each artist.</summary>
    public IReadOnlyList<(int ArtistId, string Type, long RunId)> LatestRuns()
    {
        using var connection = database.Open();
        return connection.Query<(int, string, long)>(
            "SELECT artist_id, run_type, MAX(run_id) FROM archivedotorg_import_run GROUP BY artist_id, run_type").AsList();
    }
}
