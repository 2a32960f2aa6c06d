using System.Data;
using System.Globalization;
using ArchiveImport.Core.ArchiveOrg;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// The catalog as a listener browses it: concerts with their recordings, a recording's tracks with stream URLs, and a
/// song's history. Read only; each answer is a fixed handful of queries whatever the catalog's size (concerts: one more
/// per 1,000 concerts found), on the indexes of migrations 1, 2 and 8. Each query starts from its most selective part
/// (the song's tracks, a date range, an identifier), measured at 15,000 shows in docs/PERFORMANCE.md.
/// </summary>
public sealed class CatalogBrowser
{
    private const int IdsPerQuery = 1000;

    private readonly CatalogDatabase database;
    private readonly ArchiveLinks links;

    public CatalogBrowser(CatalogDatabase database, ArchiveLinks links)
    {
        this.database = database;
        this.links = links;
    }

    /// <summary>The concerts the query finds, by artist and date, each with all its recordings (preferred first).</summary>
    public IReadOnlyList<Concert> Concerts(ShowQuery query)
    {
        using var connection = database.Open();
        var songIds = ResolveSongs(connection, query.Artists, query.Song);
        if (songIds is { Count: 0 })
        {
            return [];
        }

        var concerts = FindConcerts(connection, query, songIds);
        var recordings = RecordingsOf(connection, concerts, null, null);
        return concerts.Where(c => recordings.Contains(c.ConcertId)).Select(c => ToConcert(c, recordings[c.ConcertId])).ToList();
    }

    /// <summary>The recordings the query finds, one by one; -Source here is each recording's own source type.</summary>
    public IReadOnlyList<Recording> Recordings(ShowQuery query)
    {
        using var connection = database.Open();
        var songIds = ResolveSongs(connection, query.Artists, query.Song);
        if (songIds is { Count: 0 })
        {
            return [];
        }

        var concerts = FindConcerts(connection, query with { Source = null }, songIds);
        var recordings = RecordingsOf(connection, concerts, query.Source, query.Identifier);
        return concerts.SelectMany(c => recordings[c.ConcertId].Select(r => ToRecording(r, c))).ToList();
    }

    /// <summary>
    /// The tracks of the recording <see cref="TrackQuery.Identifier"/> names, or else of every preferred recording of
    /// the artists; with a song, only the tracks that hold it.
    /// </summary>
    public IReadOnlyList<ConcertTrack> Tracks(TrackQuery query)
    {
        using var connection = database.Open();
        var songIds = ResolveSongs(connection, query.Artists, query.Song);
        if (songIds is { Count: 0 })
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var where = new List<string>();
        // From a song, the query starts at its few tracks (ix_track_song_song_track) rather than at every track of the
        // artist's recordings; a track holding the song twice still comes once.
        var from = "catalog_track t";
        if (songIds is not null)
        {
            from = $"(SELECT DISTINCT ts.track_id FROM catalog_track_song ts WHERE ts.song_id IN ({IdList(songIds)})) held JOIN catalog_track t ON t.track_id = held.track_id";
        }

        from += " JOIN catalog_show s ON s.show_id = t.show_id";
        if (query.Identifier is not null)
        {
            where.Add("s.identifier = @identifier");
            parameters.Add("identifier", query.Identifier);
        }
        else
        {
            // A concert's preferred recording is always one of its own (ConcertPlacement): the recording's concert says.
            from += " JOIN catalog_concert c ON c.concert_id = s.concert_id AND c.preferred_show_id = s.show_id";
        }

        if (query.Artists is not null)
        {
            where.Add("a.artist_name IN @artists");
            parameters.Add("artists", query.Artists);
        }

        // One round trip: each track comes with its song segments, one row per segment (or one row with none).
        var rows = connection.Query<TrackRow>(
            $"""
            SELECT t.track_id AS TrackId, a.artist_name AS Artist, s.identifier AS Identifier, s.show_date AS Date, t.position AS Position,
                   t.disc AS Disc, t.track_number AS TrackNumber, t.title AS Title, t.duration_seconds + 0.0 AS DurationSeconds,
                   t.file_name AS FileName, t.segue AS Segue, s.audio_format AS Format,
                   seg.song_order AS SongOrder, seg.segment_text AS SegmentText, seg.match_method AS SegmentMatchMethod, sg.song_name AS Song
            FROM {from} JOIN archivedotorg_artist a ON a.artist_id = s.artist_id
                 LEFT JOIN catalog_track_song seg ON seg.track_id = t.track_id LEFT JOIN catalog_song sg ON sg.song_id = seg.song_id
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY a.artist_name, s.show_date, s.identifier, t.position, seg.song_order
            """,
            parameters).AsList();
        return Runs(rows, r => r.TrackId).Select(run => ToTrack(rows, run.Start, run.End)).ToList();
    }

    /// <summary>The history of each song of the artists whose name fits <paramref name="name"/> (all songs when null).</summary>
    public IReadOnlyList<SongHistory> Songs(IReadOnlyList<string>? artists, string? name)
    {
        using var connection = database.Open();
        var pattern = name is null ? null : new NamePattern(name);
        var songs = SongsOf(connection, artists).Where(s => pattern is null || pattern.IsMatch(s.Name)).ToList();
        var performances = new List<PerformanceRow>();
        foreach (var chunk in songs.Select(s => s.SongId).Chunk(IdsPerQuery))
        {
            performances.AddRange(connection.Query<PerformanceRow>(
                $"""
                SELECT ts.song_id AS SongId, s.concert_id AS ConcertId, c.show_date AS Date, s.show_id AS ShowId,
                       CASE WHEN c.preferred_show_id = s.show_id THEN 1 ELSE 0 END AS IsPreferred, t.duration_seconds + 0.0 AS DurationSeconds,
                       (SELECT COUNT(*) FROM catalog_track_song x WHERE x.track_id = t.track_id) AS Segments
                FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id
                     JOIN catalog_show s ON s.show_id = t.show_id JOIN catalog_concert c ON c.concert_id = s.concert_id
                WHERE ts.song_id IN ({IdList(chunk)})
                """));
        }

        var bySong = performances.ToLookup(p => p.SongId);
        var concertsAfter = ConcertsAfter(connection, songs);
        var histories = new List<SongHistory>(songs.Count);
        foreach (var song in songs)
        {
            var history = SongHistoryOf(song, bySong[song.SongId]);
            if (history.LastPlayed is { } last)
            {
                history.CurrentGap = concertsAfter(song.ArtistId, last);
            }

            histories.Add(history);
        }

        return histories;
    }

    /// <summary>
    /// How many of an artist's concerts came after a date (a song's current gap). For a few songs, one count each; for
    /// many (every song of an artist), the artists' concert dates are read once and counted in memory instead of
    /// hundreds of round trips.
    /// </summary>
    private static Func<int, string, int> ConcertsAfter(IDbConnection connection, List<SongRow> songs)
    {
        const int CountsWorthOneRead = 16;
        if (songs.Count <= CountsWorthOneRead)
        {
            return (artistId, date) => connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM catalog_concert WHERE artist_id = @artistId AND show_date > @date", new { artistId, date });
        }

        var artistIds = songs.Select(s => s.ArtistId).Distinct().ToList();
        var dates = connection.Query<(int ArtistId, string Date)>(
                $"SELECT artist_id, show_date FROM catalog_concert WHERE show_date IS NOT NULL AND artist_id IN ({IdList(artistIds)})")
            .GroupBy(c => c.ArtistId)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Date).Order(StringComparer.Ordinal).ToArray());
        return (artistId, date) =>
        {
            var sorted = dates.GetValueOrDefault(artistId, []);
            var index = Array.BinarySearch(sorted, date, StringComparer.Ordinal);
            // The first concert after the date: past the last one equal to it, or where the date would go.
            var after = index >= 0 ? LastIndexOf(sorted, index) + 1 : ~index;
            return sorted.Length - after;
        };
    }

    private static int LastIndexOf(string[] sorted, int found)
    {
        while (found + 1 < sorted.Length && sorted[found + 1] == sorted[found])
        {
            found++;
        }

        return found;
    }

    /// <summary>The artists' song names, for tab completion and -Song.</summary>
    public IReadOnlyList<string> SongNames(IReadOnlyList<string>? artists)
    {
        using var connection = database.Open();
        return SongsOf(connection, artists).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The artists' venue names, for tab completion.</summary>
    public IReadOnlyList<string> VenueNames(IReadOnlyList<string>? artists)
    {
        using var connection = database.Open();
        var sql = "SELECT DISTINCT c.venue FROM catalog_concert c JOIN archivedotorg_artist a ON a.artist_id = c.artist_id WHERE c.venue IS NOT NULL";
        if (artists is not null)
        {
            sql += " AND a.artist_name IN @artists";
        }

        return connection.Query<string>(sql, new { artists }).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The concerts the query finds, by artist, date and key. The rows are narrow on purpose: with the recordings' wide
    /// columns in one sorted join, MariaDB's temporary table outgrew memory (tmp_table_size) from some 600 recordings on.
    /// </summary>
    private static List<ConcertRow> FindConcerts(IDbConnection connection, ShowQuery query, List<int>? songIds)
    {
        var parameters = new DynamicParameters();
        var from = "catalog_concert c JOIN archivedotorg_artist a ON a.artist_id = c.artist_id";
        var where = new List<string> { "1 = 1" };
        if (songIds is not null)
        {
            // Materialised once, from the song's few tracks: a semi-join would let MariaDB walk every track of every
            // recording of the concerts found otherwise.
            from += $"""
                 JOIN (SELECT DISTINCT ss.concert_id FROM catalog_track_song ts JOIN catalog_track st ON st.track_id = ts.track_id
                       JOIN catalog_show ss ON ss.show_id = st.show_id WHERE ts.song_id IN ({IdList(songIds)})) played ON played.concert_id = c.concert_id
                """;
        }

        if (query.Artists is not null)
        {
            where.Add("a.artist_name IN @artists");
            parameters.Add("artists", query.Artists);
        }

        if (query.Year is { } year)
        {
            // A range on show_date, not a function of it, so the (artist_id, show_date) index serves it.
            var (first, to) = query.Month is { } month
                ? (new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1))
                : (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            where.Add("c.show_date >= @from AND c.show_date < @to");
            parameters.Add("from", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            parameters.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (query.Month is { } month)
        {
            where.Add("SUBSTR(c.show_date, 6, 2) = @month");
            parameters.Add("month", month.ToString("00", CultureInfo.InvariantCulture));
        }

        if (query.Venue is not null)
        {
            where.Add("c.venue LIKE @venue ESCAPE '!'");
            parameters.Add("venue", new NamePattern(query.Venue).ToLike());
        }

        if (query.Identifier is not null)
        {
            where.Add("c.concert_id IN (SELECT concert_id FROM catalog_show WHERE identifier = @identifier)");
            parameters.Add("identifier", query.Identifier);
        }

        if (query.Source is not null)
        {
            // Probed per concert found (ix_show_concert): the source type has no index, and a list of every show of that
            // type would read the whole table.
            where.Add("EXISTS (SELECT 1 FROM catalog_show fs WHERE fs.concert_id = c.concert_id AND fs.source_type = @source)");
            parameters.Add("source", query.Source);
        }

        return connection.Query<ConcertRow>(
            $"""
            SELECT c.concert_id AS ConcertId, a.artist_name AS Artist, c.show_date AS Date, c.venue AS Venue, c.city AS City,
                   c.region AS Region, c.preferred_show_id AS PreferredShowId
            FROM {from}
            WHERE {string.Join(" AND ", where)}
            ORDER BY a.artist_name, c.show_date, c.concert_key
            """,
            parameters).AsList();
    }

    /// <summary>The concerts' recordings (of the source type and identifier, when given), each concert's by identifier.</summary>
    private static ILookup<long, RecordingRow> RecordingsOf(IDbConnection connection, List<ConcertRow> concerts, string? sourceType, string? identifier)
    {
        var rows = new List<RecordingRow>();
        foreach (var chunk in concerts.Select(c => c.ConcertId).Chunk(IdsPerQuery))
        {
            // SQLite hands back a whole REAL as an integer and Dapper reads every row with the first row's column types:
            // "+ 0.0" makes every value of a REAL/DOUBLE column a real. The ids are written into the text (see IdList).
            rows.AddRange(connection.Query<RecordingRow>(
                $"""
                SELECT s.concert_id AS ConcertId, s.show_id AS ShowId, s.identifier AS Identifier, s.venue AS Venue, s.city AS City,
                       s.region AS Region, s.source_type AS SourceType, s.source AS Source, s.taper AS Taper, s.transferer AS Transferer,
                       s.lineage AS Lineage, s.audio_format AS AudioFormat, s.avg_rating + 0.0 AS Rating, s.num_reviews AS Reviews,
                       s.downloads AS Downloads, s.track_count AS TrackCount, s.duration_seconds + 0.0 AS DurationSeconds,
                       s.tracks_matched AS TracksMatched, s.tracks_unmatched AS TracksUnmatched, s.preferred_by_operator AS PreferredByOperator
                FROM catalog_show s
                WHERE s.concert_id IN ({IdList(chunk)}){(sourceType is null ? "" : " AND s.source_type = @sourceType")}{(identifier is null ? "" : " AND s.identifier = @identifier")}
                ORDER BY s.concert_id, s.identifier
                """,
                new { sourceType, identifier }));
        }

        return rows.ToLookup(r => r.ConcertId);
    }

    /// <summary>The ids of the songs named (case-insensitive, wildcards allowed); null when no song was asked for.</summary>
    private static List<int>? ResolveSongs(IDbConnection connection, IReadOnlyList<string>? artists, string? song)
    {
        if (song is null)
        {
            return null;
        }

        var pattern = new NamePattern(song);
        return SongsOf(connection, artists).Where(s => pattern.IsMatch(s.Name)).Select(s => s.SongId).ToList();
    }

    private static List<SongRow> SongsOf(IDbConnection connection, IReadOnlyList<string>? artists)
    {
        var sql = """
            SELECT sg.song_id AS SongId, sg.artist_id AS ArtistId, sg.song_name AS Name, a.artist_name AS Artist
            FROM catalog_song sg JOIN archivedotorg_artist a ON a.artist_id = sg.artist_id
            """;
        if (artists is not null)
        {
            sql += " WHERE a.artist_name IN @artists";
        }

        return connection.Query<SongRow>(sql + " ORDER BY a.artist_name, sg.song_name", new { artists }).AsList();
    }

    /// <summary>The ranges [Start, End) of consecutive rows with the same key.</summary>
    private static IEnumerable<(int Start, int End)> Runs<T>(List<T> rows, Func<T, long> key)
    {
        for (int start = 0, end; start < rows.Count; start = end)
        {
            end = start + 1;
            while (end < rows.Count && key(rows[end]) == key(rows[start]))
            {
                end++;
            }

            yield return (start, end);
        }
    }

    /// <summary>
    /// Catalog ids as SQL text for IN (…): bound as hundreds of parameters (Dapper's list expansion), they cost SQLite
    /// more than reading the rows (400 ids: 10.8 ms against 5.6 ms). Numbers from the catalog itself, so nothing to escape.
    /// </summary>
    private static string IdList(IEnumerable<long> ids) => string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static string IdList(IEnumerable<int> ids) => IdList(ids.Select(id => (long)id));

    private Recording ToRecording(RecordingRow row, ConcertRow concert) => new()
    {
        Artist = concert.Artist, Identifier = row.Identifier, Date = concert.Date, Venue = row.Venue ?? concert.Venue,
        City = row.City ?? concert.City, Region = row.Region ?? concert.Region,
        SourceType = row.SourceType ?? Metadata.SourceType.Unknown, Source = row.Source, Taper = row.Taper, Transferer = row.Transferer,
        Lineage = row.Lineage, AudioFormat = row.AudioFormat, Rating = row.Rating, Reviews = row.Reviews, Downloads = row.Downloads,
        TrackCount = row.TrackCount, Duration = Seconds(row.DurationSeconds), MatchRate = Rate(row.TracksMatched, row.TracksUnmatched),
        IsPreferred = row.ShowId == concert.PreferredShowId, PreferredByOperator = row.PreferredByOperator, Url = links.Details(row.Identifier),
    };

    /// <summary>The concert with its recordings, the preferred one first and then the others by identifier.</summary>
    private Concert ToConcert(ConcertRow concert, IEnumerable<RecordingRow> rows)
    {
        var recordings = rows.OrderBy(r => r.ShowId == concert.PreferredShowId ? 0 : 1).Select(r => ToRecording(r, concert)).ToList();
        var preferred = recordings[0];
        return new Concert
        {
            Artist = concert.Artist, Date = concert.Date, Venue = concert.Venue, City = concert.City, Region = concert.Region,
            Identifier = preferred.Identifier, SourceType = preferred.SourceType, Taper = preferred.Taper, Transferer = preferred.Transferer,
            Lineage = preferred.Lineage, TrackCount = preferred.TrackCount, Duration = preferred.Duration, MatchRate = preferred.MatchRate,
            Url = preferred.Url, Preferred = preferred, Recordings = recordings,
        };
    }

    /// <summary>The track of rows [start, end): the same track, one row per song segment in order (or one row without any).</summary>
    private ConcertTrack ToTrack(List<TrackRow> rows, int start, int end)
    {
        var row = rows[start];
        var songs = new List<TrackSong>(end - start);
        for (var i = start; i < end && rows[i].SongOrder is not null; i++)
        {
            songs.Add(new TrackSong
            {
                Song = rows[i].Song, Text = rows[i].SegmentText!, MatchMethod = rows[i].SegmentMatchMethod!, Segue = i < end - 1 || row.Segue,
            });
        }

        return ToTrack(row, songs);
    }

    private ConcertTrack ToTrack(TrackRow row, IReadOnlyList<TrackSong> songs) => new()
    {
        Artist = row.Artist, Identifier = row.Identifier, Date = row.Date, Position = row.Position, Disc = row.Disc,
        TrackNumber = row.TrackNumber, Title = row.Title, Songs = songs, Segue = row.Segue, Duration = Seconds(row.DurationSeconds),
        Format = row.Format, FileName = row.FileName, StreamUrl = links.Download(row.Identifier, row.FileName),
        MatchMethod = string.Join('+', songs.Select(s => s.MatchMethod)),
    };

    /// <summary>
    /// Each concert counts once: its length is taken from its preferred recording when that one holds the song, else
    /// from the recording with the lowest id that does; the length is the sum of that recording's tracks holding the
    /// song alone (a track shared with other songs says nothing of this one's length).
    /// </summary>
    private static SongHistory SongHistoryOf(SongRow song, IEnumerable<PerformanceRow> performances)
    {
        var concerts = performances.GroupBy(p => p.ConcertId).Select(concert =>
        {
            var used = concert.Where(p => p.IsPreferred).ToList() is { Count: > 0 } preferred
                ? preferred
                : concert.Where(p => p.ShowId == concert.Min(x => x.ShowId)).ToList();
            var alone = used.Where(p => p.Segments == 1 && p.DurationSeconds is not null).ToList();
            return (Date: concert.First().Date, Seconds: alone.Count > 0 ? alone.Sum(p => p.DurationSeconds!.Value) : (double?)null);
        }).ToList();
        var dated = concerts.Where(c => c.Date is not null).OrderBy(c => c.Date, StringComparer.Ordinal).ToList();
        var timed = concerts.Where(c => c.Seconds is not null).ToList();
        var longest = timed.OrderByDescending(c => c.Seconds).ThenBy(c => c.Date, StringComparer.Ordinal).FirstOrDefault();
        return new SongHistory
        {
            Artist = song.Artist, Song = song.Name, TimesPlayed = concerts.Count,
            FirstPlayed = dated.FirstOrDefault().Date, LastPlayed = dated.LastOrDefault().Date,
            AverageLength = timed.Count > 0 ? Seconds(timed.Average(c => c.Seconds!.Value)) : null,
            LongestLength = longest.Seconds is { } most ? Seconds(most) : null, LongestDate = longest.Date,
            Shows = dated.Select(c => c.Date!).ToList(),
        };
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } value ? TimeSpan.FromSeconds(Math.Round(value)) : null;

    private static decimal Rate(int matched, int unmatched) => matched + unmatched == 0 ? 0m : Math.Round(100m * matched / (matched + unmatched), 2);

    private sealed class ConcertRow
    {
        public long ConcertId { get; init; }
        public string Artist { get; init; } = "";
        public string? Date { get; init; }
        public string? Venue { get; init; }
        public string? City { get; init; }
        public string? Region { get; init; }
        public long? PreferredShowId { get; init; }
    }

    private sealed class RecordingRow
    {
        public long ConcertId { get; init; }
        public long ShowId { get; init; }
        public string Identifier { get; init; } = "";
        public string? Venue { get; init; }
        public string? City { get; init; }
        public string? Region { get; init; }
        public string? SourceType { get; init; }
        public string? Source { get; init; }
        public string? Taper { get; init; }
        public string? Transferer { get; init; }
        public string? Lineage { get; init; }
        public string AudioFormat { get; init; } = "";
        public double? Rating { get; init; }
        public int? Reviews { get; init; }
        public long? Downloads { get; init; }
        public int TrackCount { get; init; }
        public double? DurationSeconds { get; init; }
        public int TracksMatched { get; init; }
        public int TracksUnmatched { get; init; }
        public bool PreferredByOperator { get; init; }
    }

    private sealed class TrackRow
    {
        public long TrackId { get; init; }
        public string Artist { get; init; } = "";
        public string Identifier { get; init; } = "";
        public string? Date { get; init; }
        public int Position { get; init; }
        public int? Disc { get; init; }
        public int? TrackNumber { get; init; }
        public string? Title { get; init; }
        public double? DurationSeconds { get; init; }
        public string FileName { get; init; } = "";
        public bool Segue { get; init; }
        public string Format { get; init; } = "";
        public int? SongOrder { get; init; }
        public string? SegmentText { get; init; }
        public string? SegmentMatchMethod { get; init; }
        public string? Song { get; init; }
    }

    private sealed class SongRow
    {
        public int SongId { get; init; }
        public int ArtistId { get; init; }
        public string Name { get; init; } = "";
        public string Artist { get; init; } = "";
    }

    private sealed class PerformanceRow
    {
        public int SongId { get; init; }
        public long ConcertId { get; init; }
        public string? Date { get; init; }
        public long ShowId { get; init; }
        public bool IsPreferred { get; init; }
        public double? DurationSeconds { get; init; }
        public int Segments { get; init; }
    }
}
