using System.Data;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>What the catalog holds about a show, to decide whether populating it again would change anything.</summary>
public sealed record CatalogShowState(string MetadataHash, string MatcherVersion);

/// <summary>A show about to be populated: its downloaded metadata row and, when it was populated before, the catalog's state of it.</summary>
public sealed record ShowToPopulate(ShowMetadataRow Metadata, CatalogShowState? Catalog);

/// <summary>The outcome of writing one show.</summary>
public sealed record ShowWriteCounts(int Tracks, int Matched, int Unmatched, int Ignored);

/// <summary>The catalog tables (songs, shows, tracks and their songs) plus the unmatched titles and artist status they feed.</summary>
public sealed class CatalogRepository
{
    private static readonly string[] ShowColumns =
    [
        "artist_id", "identifier", "show_date", "title", "venue", "coverage", "source", "taper", "lineage",
        "audio_format", "track_count", "metadata_hash", "matcher_version", "populated_at",
        "source_type", "transferer", "city", "region", "avg_rating", "num_reviews", "downloads", "duration_seconds",
        "tracks_matched", "tracks_unmatched",
    ];

    /// <summary>
    /// How the catalog lays a show out. It is part of the version stored with each show (with the matcher's), so raising
    /// it makes the next populate rewrite every show from the metadata the catalog keeps, without downloading again.
    /// 2: concerts and recordings (migration 8).
    /// </summary>
    public const string FormatVersion = "catalog-format-2";

    private readonly CatalogDatabase database;

    private readonly ConcertPlacement concerts;

    public CatalogRepository(CatalogDatabase database)
    {
        this.database = database;
        concerts = new ConcertPlacement(database.Dialect);
    }

    /// <summary>Makes catalog_song match the artist's config and returns the song id of every key.</summary>
    public IReadOnlyDictionary<string, int> SyncSongs(int artistId, IEnumerable<SongDefinition> songs)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // Only the songs that are new or renamed are written: a config of hundreds of songs is otherwise as many
        // statements at the start of every run.
        const string Select = "SELECT song_key, song_name, song_id FROM catalog_song WHERE artist_id = @artistId";
        var stored = connection.Query<(string Key, string Name, int Id)>(Select, new { artistId }, transaction)
            .ToDictionary(s => s.Key, StringComparer.Ordinal);
        var changed = songs.Where(s => !stored.TryGetValue(s.Key, out var row) || row.Name != s.Name).ToList();
        if (changed.Count > 0)
        {
            var upsert = database.Dialect.Upsert("catalog_song", ["artist_id", "song_key", "song_name"], ["artist_id", "song_key"], ["song_name"]);
            connection.Execute(upsert, changed.Select(s => new { artist_id = artistId, song_key = s.Key, song_name = s.Name }), transaction);
            stored = connection.Query<(string Key, string Name, int Id)>(Select, new { artistId }, transaction)
                .ToDictionary(s => s.Key, StringComparer.Ordinal);
        }

        transaction.Commit();
        return stored.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal);
    }

    /// <summary>A connection for one populate run, whose shows' writes <see cref="WriteShow"/> batches into transactions.</summary>
    public CatalogWriter OpenWriter() => new(database.Open, database.Dialect.RowsPerInsert);

    /// <summary>
    /// What populate needs to know about these shows before it reads any file, in one query per thousand: each show's
    /// downloaded metadata row and what the catalog holds of it. A show with no metadata row is left out.
    /// </summary>
    public IReadOnlyDictionary<string, ShowToPopulate> ShowsToPopulate(CatalogWriter writer, IEnumerable<string> identifiers)
    {
        var shows = new Dictionary<string, ShowToPopulate>(StringComparer.Ordinal);
        foreach (var chunk in identifiers.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var rows = writer.Connection.Query<ShowToPopulateRow>(
                """
                SELECT m.identifier AS Identifier, m.artist_id AS ArtistId, m.status AS Status, m.content_hash AS ContentHash, m.reason AS Reason,
                       c.body_sha256 AS BodySha256, s.metadata_hash AS MetadataHash, s.matcher_version AS MatcherVersion
                FROM archivedotorg_show_metadata m LEFT JOIN catalog_show s ON s.identifier = m.identifier
                     LEFT JOIN archivedotorg_show_metadata_content c ON c.identifier = m.identifier
                WHERE m.identifier IN @chunk
                """,
                new { chunk }, writer.OpenTransaction);
            foreach (var row in rows)
            {
                shows[row.Identifier] = new ShowToPopulate(
                    new ShowMetadataRow { Identifier = row.Identifier, ArtistId = row.ArtistId, Status = row.Status, ContentHash = row.ContentHash, Reason = row.Reason,
                        BodySha256 = row.BodySha256 },
                    row.MetadataHash is { } hash ? new CatalogShowState(hash, row.MatcherVersion ?? "") : null);
            }
        }

        return shows;
    }

    /// <summary>
    /// Replaces everything the catalog holds for one show inside the writer's transaction (the caller commits), so a
    /// crash leaves the old show or the new one; then brings the affected unmatched titles' occurrence counts up to
    /// date in the same transaction. <paramref name="inCatalog"/> false says the catalog holds no such show yet, which
    /// saves looking for its old rows.
    /// </summary>
    public ShowWriteCounts WriteShow(
        CatalogWriter writer, int artistId, Show show, IReadOnlyList<TitleMatch> matches, IReadOnlyDictionary<string, int> songIds,
        string metadataHash, string matcherVersion, DateTime now, bool inCatalog = true)
    {
        ArchiveIdentifier.Validate(show.Identifier);
        var connection = writer.Connection;
        var transaction = writer.Transaction;

        int matched = 0, unmatched = 0, ignored = 0;
        foreach (var match in matches)
        {
            switch (TrackOutcomes.Of(match))
            {
                case TrackOutcome.Matched: matched++; break;
                case TrackOutcome.Unmatched: unmatched++; break;
                default: ignored++; break;
            }
        }

        connection.Execute(
            database.Dialect.Upsert("catalog_show", ShowColumns, ["identifier"], ShowColumns.Where(c => c != "identifier").ToArray()),
            new
            {
                artist_id = artistId,
                identifier = show.Identifier,
                show_date = show.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                title = ColumnText.Clip(show.Title, ColumnLengths.Show.Title),
                venue = ColumnText.Clip(show.Venue, ColumnLengths.Show.Venue),
                coverage = ColumnText.Clip(show.Coverage, ColumnLengths.Show.Coverage),
                source = ColumnText.Clip(show.Source, ColumnLengths.Show.Source),
                taper = ColumnText.Clip(show.Taper, ColumnLengths.Show.Taper),
                lineage = ColumnText.Clip(show.Lineage, ColumnLengths.Show.Lineage),
                audio_format = ColumnText.Clip(show.AudioFormat, ColumnLengths.Show.AudioFormat),
                track_count = show.Tracks.Count,
                metadata_hash = metadataHash,
                matcher_version = matcherVersion,
                populated_at = now,
                source_type = show.SourceType,
                transferer = ColumnText.Clip(show.Transferer, ColumnLengths.Recording.Transferer),
                city = ColumnText.Clip(show.City, ColumnLengths.Recording.City),
                region = ColumnText.Clip(show.Region, ColumnLengths.Recording.Region),
                avg_rating = show.Rating,
                num_reviews = show.ReviewCount,
                downloads = show.Downloads,
                duration_seconds = show.Tracks.Any(t => t.DurationSeconds is not null) ? show.Tracks.Sum(t => t.DurationSeconds ?? 0) : (double?)null,
                tracks_matched = matched,
                tracks_unmatched = unmatched,
            },
            transaction);
        // The upsert leaves concert_id alone, so this still reads the concert the show was in before.
        var (showId, previousConcertId) = connection.QuerySingle<(long, long?)>(
            "SELECT show_id, concert_id FROM catalog_show WHERE identifier = @identifier", new { identifier = show.Identifier }, transaction);
        concerts.Place(connection, transaction, artistId, showId, previousConcertId, show);

        // A show the catalog did not hold has no rows to replace (the caller knows, from ShowsToPopulate).
        var previouslyUnmatched = new List<string>();
        if (inCatalog)
        {
            previouslyUnmatched = connection.Query<string>(
                """
                SELECT DISTINCT ts.normalized_text FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id
                WHERE t.show_id = @showId AND ts.match_method IN @unmatched
                """,
                new { showId, unmatched = UnmatchedMethods }, transaction).AsList();
            connection.Execute(database.Dialect.DeleteTrackSongsOfShow, new { showId }, transaction);
            connection.Execute("DELETE FROM catalog_track WHERE show_id = @showId", new { showId }, transaction);
        }

        writer.Inserts.Execute(transaction, "catalog_track",
            ["show_id", "position", "disc", "track_number", "title", "duration_seconds", "file_name", "segue"],
            show.Tracks.Select((track, i) => new object?[]
            {
                showId, track.Position, track.Disc, track.TrackNumber, ColumnText.Clip(track.Title, ColumnLengths.Track.Title), track.DurationSeconds,
                ColumnText.Clip(track.FileName, ColumnLengths.Track.FileName), matches[i].SeguesIntoNext,
            }));
        var trackIds = connection.Query<(int Position, long TrackId)>(
            "SELECT position, track_id FROM catalog_track WHERE show_id = @showId", new { showId }, transaction)
            .ToDictionary(t => t.Position, t => t.TrackId);
        writer.Inserts.Execute(transaction, "catalog_track_song",
            ["track_id", "song_order", "artist_id", "song_id", "segment_text", "normalized_text", "match_method"],
            show.Tracks.SelectMany((track, i) => matches[i].Segments.Select((segment, order) => new object?[]
            {
                trackIds[track.Position], order + 1, artistId,
                segment.Song is { } song && songIds.TryGetValue(song.Key, out var id) ? id : null,
                ColumnText.Clip(segment.RawText, ColumnLengths.TrackSong.SegmentText), NormalizedKey(segment), segment.Method.ToString(),
            })));

        var newlyUnmatched = new Dictionary<string, SegmentMatch>(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            foreach (var segment in match.Segments.Where(s => s.Method is MatchMethod.Unmatched or MatchMethod.Ambiguous))
            {
                newlyUnmatched.TryAdd(NormalizedKey(segment), segment);
            }
        }

        RefreshUnmatched(connection, transaction, artistId, previouslyUnmatched, newlyUnmatched, now);
        return new ShowWriteCounts(show.Tracks.Count, matched, unmatched, ignored);
    }

    /// <summary>Recounts archivedotorg_artist_status from the catalog (cheap with the indexes; run at run boundaries).</summary>
    public void RefreshArtistStatus(int artistId, DateTime now, bool downloaded, bool populated)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var shows = connection.QuerySingle<(long Downloaded, long NotImportable, long Populated)>(
            """
            SELECT (SELECT COUNT(*) FROM archivedotorg_show_metadata WHERE artist_id = @artistId AND status = @downloaded),
                   (SELECT COUNT(*) FROM archivedotorg_show_metadata WHERE artist_id = @artistId AND status = @notImportable),
                   (SELECT COUNT(*) FROM catalog_show WHERE artist_id = @artistId)
            """,
            new { artistId, downloaded = ShowMetadataStatus.Downloaded, notImportable = ShowMetadataStatus.NotImportable }, transaction);
        var tracks = connection.QuerySingle<(long? Matched, long? Unmatched, long? Ignored)>(
            """
            SELECT SUM(CASE WHEN u = 0 AND m > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN u > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN u = 0 AND m = 0 THEN 1 ELSE 0 END)
            FROM (SELECT track_id,
                         SUM(CASE WHEN match_method IN @unmatched THEN 1 ELSE 0 END) AS u,
                         SUM(CASE WHEN match_method IN @matchedMethods THEN 1 ELSE 0 END) AS m
                  FROM catalog_track_song WHERE artist_id = @artistId GROUP BY track_id) per_track
            """,
            new { artistId, unmatched = UnmatchedMethods, matchedMethods = MatchedMethods }, transaction);
        long matched = tracks.Matched ?? 0, unmatchedCount = tracks.Unmatched ?? 0, ignored = tracks.Ignored ?? 0;
        var rate = matched + unmatchedCount == 0 ? 0m : Math.Round(100m * matched / (matched + unmatchedCount), 2);

        var columns = new[]
        {
            "artist_id", "shows_downloaded", "shows_not_importable", "shows_populated", "tracks_total", "tracks_matched",
            "tracks_unmatched", "tracks_ignored", "match_rate", "updated_at",
        };
        connection.Execute(
            database.Dialect.Upsert("archivedotorg_artist_status", columns, ["artist_id"], columns.Skip(1).ToArray()),
            new
            {
                artist_id = artistId,
                shows_downloaded = shows.Downloaded,
                shows_not_importable = shows.NotImportable,
                shows_populated = shows.Populated,
                tracks_total = matched + unmatchedCount + ignored,
                tracks_matched = matched,
                tracks_unmatched = unmatchedCount,
                tracks_ignored = ignored,
                match_rate = rate,
                updated_at = now,
            },
            transaction);
        if (downloaded || populated)
        {
            connection.Execute(
                $"UPDATE archivedotorg_artist_status SET {(downloaded ? "last_download_at" : "last_populate_at")} = @now WHERE artist_id = @artistId",
                new { artistId, now }, transaction);
        }

        transaction.Commit();
    }

    public IReadOnlyList<UnmatchedTrack> Unmatched(IReadOnlyList<string>? artists, int? top, bool includeResolved)
    {
        var sql = """
            SELECT a.artist_name AS Artist, u.track_name AS TrackName, u.normalized_name AS NormalizedName, u.occurrences AS Occurrences,
                   u.suggested_match AS SuggestedMatch, u.first_seen AS FirstSeen, u.last_seen AS LastSeen, u.resolved AS Resolved
            FROM archivedotorg_unmatched_track u JOIN archivedotorg_artist a ON a.artist_id = u.artist_id
            WHERE (u.resolved = @no OR @includeResolved = @yes)
            """;
        if (artists is { Count: > 0 })
        {
            sql += " AND a.artist_name IN @artists";
        }

        sql += " ORDER BY u.occurrences DESC, a.artist_name, u.normalized_name";
        if (top is not null)
        {
            sql += " LIMIT @top";
        }

        using var connection = database.Open();
        return connection.Query<UnmatchedTrack>(sql, new { artists, top, includeResolved, no = false, yes = true }).AsList();
    }

    public IReadOnlyList<ArtistStatusRow> ArtistStatuses()
    {
        // SQLite hands back a whole rate (100) as an integer and any other as a real, and Dapper reads every row with
        // the first row's column types: "+ 0.0" makes every rate the same type (real in SQLite, decimal in MySQL).
        using var connection = database.Open();
        return connection.Query<ArtistStatusRow>(
            """
            SELECT a.artist_name AS Artist, s.tracks_total AS TracksTotal, s.tracks_matched AS TracksMatched,
                   s.tracks_unmatched AS TracksUnmatched, s.match_rate + 0.0 AS MatchRate
            FROM archivedotorg_artist_status s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY s.match_rate
            """).AsList();
    }

    /// <summary>Marks titles resolved once someone has dealt with them (an alias added, say), before the re-populate recounts them.</summary>
    /// <summary>Marks these unmatched titles resolved; returns how many were unresolved until now.</summary>
    public int MarkResolved(int artistId, IReadOnlyList<string> normalizedNames)
    {
        using var connection = database.Open();
        return connection.Execute(
            "UPDATE archivedotorg_unmatched_track SET resolved = @yes WHERE artist_id = @artistId AND normalized_name IN @normalizedNames AND resolved = @no",
            new { artistId, normalizedNames, yes = true, no = false });
    }

    /// <summary>The shows with a track segment of one of these unmatched titles: what a re-populate must revisit.</summary>
    public IReadOnlyList<string> ShowsWithUnmatched(int artistId, IReadOnlyList<string> normalizedNames)
    {
        using var connection = database.Open();
        return connection.Query<string>(
            """
            SELECT DISTINCT s.identifier FROM catalog_track_song ts
            JOIN catalog_track t ON t.track_id = ts.track_id JOIN catalog_show s ON s.show_id = t.show_id
            WHERE ts.artist_id = @artistId AND ts.match_method IN @unmatched AND ts.normalized_text IN @normalizedNames
            ORDER BY s.identifier
            """,
            new { artistId, normalizedNames, unmatched = UnmatchedMethods }).AsList();
    }

    public int UnresolvedUnmatchedCount()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM archivedotorg_unmatched_track WHERE resolved = @no", new { no = false });
    }

    internal static readonly string[] UnmatchedMethods = [nameof(MatchMethod.Unmatched), nameof(MatchMethod.Ambiguous)];
    internal static readonly string[] MatchedMethods = [nameof(MatchMethod.Exact), nameof(MatchMethod.Alias), nameof(MatchMethod.Phonetic), nameof(MatchMethod.Partial)];

    private void RefreshUnmatched(
        IDbConnection connection, IDbTransaction transaction, int artistId,
        IReadOnlyList<string> previous, IReadOnlyDictionary<string, SegmentMatch> current, DateTime now)
    {
        var columns = new[] { "artist_id", "track_name", "normalized_name", "occurrences", "suggested_match", "first_seen", "last_seen", "resolved" };
        var upsert = database.Dialect.Upsert(
            "archivedotorg_unmatched_track", columns, ["artist_id", "normalized_name"], ["occurrences", "suggested_match", "last_seen", "resolved"]);
        foreach (var name in previous.Union(current.Keys, StringComparer.Ordinal))
        {
            var occurrences = connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM catalog_track_song WHERE artist_id = @artistId AND match_method IN @unmatched AND normalized_text = @name",
                new { artistId, unmatched = UnmatchedMethods, name }, transaction);
            if (current.TryGetValue(name, out var segment))
            {
                connection.Execute(upsert, new
                {
                    artist_id = artistId,
                    track_name = ColumnText.Clip(segment.RawText, ColumnLengths.UnmatchedTrack.TrackName),
                    normalized_name = name,
                    occurrences,
                    suggested_match = ColumnText.Clip(segment.Suggestion?.Name, ColumnLengths.UnmatchedTrack.SuggestedMatch),
                    first_seen = now,
                    last_seen = now,
                    resolved = occurrences == 0,
                }, transaction);
            }
            else
            {
                connection.Execute(
                    "UPDATE archivedotorg_unmatched_track SET occurrences = @occurrences, resolved = @resolved WHERE artist_id = @artistId AND normalized_name = @name",
                    new { artistId, name, occurrences, resolved = occurrences == 0 }, transaction);
            }
        }
    }

    /// <summary>
    /// The normalised title as catalog_track_song and archivedotorg_unmatched_track both key it: cut without an
    /// ellipsis, in the same way in both, so the occurrences counted for one row are the segments that row stands for.
    /// </summary>
    private static string NormalizedKey(SegmentMatch segment) =>
        ColumnText.Cut(segment.NormalizedText, Math.Min(ColumnLengths.TrackSong.NormalizedText, ColumnLengths.UnmatchedTrack.NormalizedName))!;

    private sealed class ShowToPopulateRow
    {
        public string Identifier { get; init; } = "";
        public int ArtistId { get; init; }
        public string Status { get; init; } = "";
        public string? ContentHash { get; init; }
        public string? Reason { get; init; }
        public string? BodySha256 { get; init; }
        public string? MetadataHash { get; init; }
        public string? MatcherVersion { get; init; }
    }

}

/// <summary>One unmatched title of an artist, as archivedotorg_unmatched_track holds it.</summary>
public sealed class UnmatchedTrack
{
    public string Artist { get; init; } = "";
    public string TrackName { get; init; } = "";
    public string NormalizedName { get; init; } = "";
    public int Occurrences { get; init; }
    public string? SuggestedMatch { get; init; }
    public DateTime FirstSeen { get; init; }
    public DateTime LastSeen { get; init; }
    public bool Resolved { get; init; }
}

public sealed class ArtistStatusRow
{
    public string Artist { get; init; } = "";
    public int TracksTotal { get; init; }
    public int TracksMatched { get; init; }
    public int TracksUnmatched { get; init; }
    public decimal MatchRate { get; init; }
}
