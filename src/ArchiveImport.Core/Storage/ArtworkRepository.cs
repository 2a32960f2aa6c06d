using System.Data;
using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Operators' artwork overrides (one per recording) and what the catalog holds for choosing a recording's artwork.
/// Each answer is a few statements on indexes (migration 9), whatever the catalog's size.
/// </summary>
public sealed class ArtworkRepository
{
    private const string OverrideSelect = """
        SELECT a.artist_name AS Artist, o.identifier AS Identifier, o.image_url AS ImageUrl, o.note AS Note, o.created_at AS CreatedAt
        FROM archivedotorg_artwork_overrides o JOIN archivedotorg_artist a ON a.artist_id = o.artist_id
        """;

    private readonly CatalogDatabase database;

    public ArtworkRepository(CatalogDatabase database) => this.database = database;

    /// <summary>
    /// Sets the recording's override, replacing the one it had. Throws <see cref="ArgumentException"/> for an address
    /// that is not an absolute http(s) URL or is too long, <see cref="KeyNotFoundException"/> when the catalog has no
    /// such recording. A note longer than its column is clipped.
    /// </summary>
    public ArtworkOverride Set(string identifier, string imageUrl, string? note, DateTime now)
    {
        CheckImageUrl(identifier, imageUrl);
        note = ColumnText.Clip(string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ColumnLengths.ArtworkOverrides.Note);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var artistId = connection.QuerySingleOrDefault<int?>(
            "SELECT artist_id FROM catalog_show WHERE identifier = @identifier", new { identifier }, transaction)
            ?? throw new KeyNotFoundException(
                $"The catalog has no recording '{identifier}', so no artwork was set. Check the identifier with Get-ArchiveRecording, " +
                "or run Invoke-ArchiveDownload and Invoke-ArchivePopulate for it first.");
        connection.Execute("DELETE FROM archivedotorg_artwork_overrides WHERE identifier = @identifier", new { identifier }, transaction);
        connection.Execute(
            "INSERT INTO archivedotorg_artwork_overrides (artist_id, identifier, image_url, note, created_at) VALUES (@artistId, @identifier, @imageUrl, @note, @now)",
            new { artistId, identifier, imageUrl, note, now }, transaction);
        var stored = Find(connection, transaction, identifier)!;
        transaction.Commit();
        return stored;
    }

    /// <summary>Removes the recording's override and returns it; null when it had none.</summary>
    public ArtworkOverride? Remove(string identifier)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var removed = Find(connection, transaction, identifier);
        if (removed is not null)
        {
            connection.Execute("DELETE FROM archivedotorg_artwork_overrides WHERE identifier = @identifier", new { identifier }, transaction);
        }

        transaction.Commit();
        return removed;
    }

    /// <summary>The overrides of these artists' recordings, by artist and identifier.</summary>
    public IReadOnlyList<ArtworkOverride> ForArtists(IReadOnlyList<string> artists)
    {
        using var connection = database.Open();
        return connection.Query<ArtworkOverride>(
            $"{OverrideSelect} WHERE a.artist_name IN @artists AND o.identifier IS NOT NULL ORDER BY a.artist_name, o.identifier",
            new { artists }).AsList();
    }

    /// <summary>
    /// What the catalog holds for the recording's artwork: its override, its first matched song (by track position, then
    /// segment) and that song's earliest studio album (by year, then title). Null when there is no such recording.
    /// </summary>
    public ArtworkFacts? Facts(string identifier)
    {
        using var connection = database.Open();
        var recording = connection.QuerySingleOrDefault<RecordingRow>(
            """
            SELECT s.show_id AS ShowId, a.artist_name AS Artist FROM catalog_show s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id
            WHERE s.identifier = @identifier
            """,
            new { identifier });
        if (recording is null)
        {
            return null;
        }

        var firstSong = connection.QueryFirstOrDefault<SongRow>(
            """
            SELECT ts.song_id AS SongId, sg.song_name AS Name
            FROM catalog_track t JOIN catalog_track_song ts ON ts.track_id = t.track_id JOIN catalog_song sg ON sg.song_id = ts.song_id
            WHERE t.show_id = @showId
            ORDER BY t.position, ts.song_order
            LIMIT 1
            """,
            new { showId = recording.ShowId });
        var album = firstSong is null
            ? null
            : connection.QueryFirstOrDefault<AlbumRow>(
                """
                SELECT al.album_title AS Title, al.release_year AS Year, al.cover_url AS Cover
                FROM archivedotorg_studio_album_song x JOIN archivedotorg_studio_albums al ON al.album_id = x.album_id
                WHERE x.song_id = @songId AND al.cover_url IS NOT NULL
                ORDER BY al.release_year, al.album_title
                LIMIT 1
                """,
                new { songId = firstSong.SongId });
        return new ArtworkFacts(
            recording.Artist, identifier, Find(connection, null, identifier), firstSong?.Name, album?.Title, album?.Year, album?.Cover);
    }

    private static void CheckImageUrl(string identifier, string imageUrl)
    {
        if (!Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"'{ColumnText.Clip(imageUrl, 80)}' is not an absolute http or https URL, so no artwork was set for '{identifier}'. " +
                "Give the image's full address, starting with https:// (or http://).");
        }

        if (!ColumnText.Fits(imageUrl, ColumnLengths.ArtworkOverrides.ImageUrl))
        {
            throw new ArgumentException(
                $"The image URL for '{identifier}' is {imageUrl.Length} characters long; the catalog stores at most " +
                $"{ColumnLengths.ArtworkOverrides.ImageUrl}. Use a shorter address for the same image.");
        }
    }

    private static ArtworkOverride? Find(IDbConnection connection, IDbTransaction? transaction, string identifier) =>
        connection.QuerySingleOrDefault<ArtworkOverride>($"{OverrideSelect} WHERE o.identifier = @identifier", new { identifier }, transaction);

    private sealed class RecordingRow
    {
        public long ShowId { get; init; }
        public string Artist { get; init; } = "";
    }

    private sealed class SongRow
    {
        public int SongId { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed class AlbumRow
    {
        public string Title { get; init; } = "";
        public int Year { get; init; }
        public string Cover { get; init; } = "";
    }
}
