using System.Data;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Keeps catalog_concert in step with its recordings, inside the caller's transaction: a recording belongs to its
/// artist's concert of the same date (an undated one to a concert of its own), and each time a concert's recordings
/// change, its preferred recording, venue, place and count are chosen again.
/// </summary>
internal sealed class ConcertPlacement
{
    private readonly ISqlDialect dialect;

    public ConcertPlacement(ISqlDialect dialect) => this.dialect = dialect;

    /// <summary>The concert key of a recording: its date, or its own identifier when it has none.</summary>
    public static string KeyOf(string identifier, DateOnly? date) =>
        date is { } day ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "undated:" + identifier;

    /// <summary>Puts the recording in its concert and refreshes that concert and, when it moved, the one it left.</summary>
    public void Place(IDbConnection connection, IDbTransaction transaction, int artistId, long showId, long? previousConcertId, Show show)
    {
        var key = ColumnText.Cut(KeyOf(show.Identifier, show.Date), ColumnLengths.Concert.ConcertKey)!;
        connection.Execute(
            dialect.Upsert("catalog_concert", ["artist_id", "concert_key", "show_date"], ["artist_id", "concert_key"], ["show_date"]),
            new { artist_id = artistId, concert_key = key, show_date = show.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            transaction);
        var concertId = connection.ExecuteScalar<long>(
            "SELECT concert_id FROM catalog_concert WHERE artist_id = @artistId AND concert_key = @key", new { artistId, key }, transaction);
        if (previousConcertId != concertId)
        {
            connection.Execute("UPDATE catalog_show SET concert_id = @concertId WHERE show_id = @showId", new { concertId, showId }, transaction);
        }

        Refresh(connection, transaction, concertId);
        if (previousConcertId is { } left && left != concertId)
        {
            Refresh(connection, transaction, left);
        }
    }

    /// <summary>Chooses the concert's preferred recording again, or deletes a concert left without recordings.</summary>
    public void Refresh(IDbConnection connection, IDbTransaction transaction, long concertId)
    {
        var recordings = connection.Query<RecordingRow>(
            """
            SELECT show_id AS ShowId, identifier AS Identifier, source_type AS SourceType, avg_rating + 0.0 AS Rating, downloads AS Downloads,
                   audio_format AS AudioFormat, preferred_by_operator AS PreferredByOperator, venue AS Venue, city AS City, region AS Region
            FROM catalog_show WHERE concert_id = @concertId
            """,
            new { concertId }, transaction).AsList();
        if (recordings.Count == 0)
        {
            connection.Execute("DELETE FROM catalog_concert WHERE concert_id = @concertId", new { concertId }, transaction);
            return;
        }

        var chosen = RecordingPreference.Choose(recordings.Select(r => r.Candidate()))!;
        var preferred = recordings.Single(r => r.ShowId == chosen.ShowId);
        var named = preferred.Venue is null ? recordings.FirstOrDefault(r => r.Venue is not null) ?? preferred : preferred;
        connection.Execute(
            """
            UPDATE catalog_concert SET preferred_show_id = @preferredShowId, venue = @venue, city = @city, region = @region,
                   recording_count = @count
            WHERE concert_id = @concertId
            """,
            new { concertId, preferredShowId = preferred.ShowId, venue = named.Venue, city = named.City, region = named.Region, count = recordings.Count },
            transaction);
    }

    private sealed class RecordingRow
    {
        public long ShowId { get; init; }
        public string Identifier { get; init; } = "";
        public string? SourceType { get; init; }
        public double? Rating { get; init; }
        public long? Downloads { get; init; }
        public string AudioFormat { get; init; } = "";
        public bool PreferredByOperator { get; init; }
        public string? Venue { get; init; }
        public string? City { get; init; }
        public string? Region { get; init; }

        public RecordingCandidate Candidate() => new(ShowId, Identifier, SourceType, Rating, Downloads, AudioFormat, PreferredByOperator);
    }
}
