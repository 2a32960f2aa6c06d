using System.Data;
using ArchiveImport.Core.Matching;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Keeps an artist's studio albums and their songs (archivedotorg_studio_albums, archivedotorg_studio_album_song) equal
/// to the artist config's <c>studio_albums:</c>, in one transaction. Only what differs is written, so populating again
/// with the same config writes nothing; an album gone from the config goes from the catalog with its songs.
/// </summary>
public sealed class StudioAlbumRepository
{
    private readonly CatalogDatabase database;

    public StudioAlbumRepository(CatalogDatabase database) => this.database = database;

    /// <param name="songIds">The song id of every song key (<see cref="CatalogRepository.SyncSongs"/>).</param>
    public void Sync(int artistId, IReadOnlyList<StudioAlbum> albums, IReadOnlyDictionary<string, int> songIds, DateTime now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var stored = connection.Query<StoredAlbum>(
                "SELECT album_id AS Id, album_title AS Title, release_year AS Year, cover_url AS Cover FROM archivedotorg_studio_albums WHERE artist_id = @artistId",
                new { artistId }, transaction)
            .ToDictionary(album => album.Title, StringComparer.OrdinalIgnoreCase);
        var wanted = albums.ToDictionary(album => album.Title, StringComparer.OrdinalIgnoreCase);

        var gone = stored.Values.Where(album => !wanted.ContainsKey(album.Title)).Select(album => album.Id).ToList();
        if (gone.Count > 0)
        {
            connection.Execute("DELETE FROM archivedotorg_studio_album_song WHERE album_id IN @gone", new { gone }, transaction);
            connection.Execute("DELETE FROM archivedotorg_studio_albums WHERE album_id IN @gone", new { gone }, transaction);
        }

        foreach (var album in albums)
        {
            var albumId = stored.TryGetValue(album.Title, out var row)
                ? Update(connection, transaction, row, album)
                : Insert(connection, transaction, artistId, album, now);
            SyncSongs(connection, transaction, albumId, album.SongKeys.Select(key => songIds[key]).ToHashSet());
        }

        transaction.Commit();
    }

    private int Insert(IDbConnection connection, IDbTransaction transaction, int artistId, StudioAlbum album, DateTime now)
    {
        connection.Execute(
            "INSERT INTO archivedotorg_studio_albums (artist_id, album_title, release_year, cover_url, created_at) VALUES (@artistId, @Title, @Year, @Cover, @now)",
            new { artistId, album.Title, album.Year, album.Cover, now }, transaction);
        return connection.ExecuteScalar<int>(database.Dialect.LastInsertId, transaction: transaction);
    }

    private static int Update(IDbConnection connection, IDbTransaction transaction, StoredAlbum row, StudioAlbum album)
    {
        if (row.Title != album.Title || row.Year != album.Year || row.Cover != album.Cover)
        {
            connection.Execute(
                "UPDATE archivedotorg_studio_albums SET album_title = @Title, release_year = @Year, cover_url = @Cover WHERE album_id = @id",
                new { album.Title, album.Year, album.Cover, id = row.Id }, transaction);
        }

        return row.Id;
    }

    private static void SyncSongs(IDbConnection connection, IDbTransaction transaction, int albumId, HashSet<int> songIds)
    {
        var stored = connection.Query<int>("SELECT song_id FROM archivedotorg_studio_album_song WHERE album_id = @albumId", new { albumId }, transaction).ToHashSet();
        var gone = stored.Except(songIds).ToList();
        if (gone.Count > 0)
        {
            connection.Execute("DELETE FROM archivedotorg_studio_album_song WHERE album_id = @albumId AND song_id IN @gone", new { albumId, gone }, transaction);
        }

        var added = songIds.Except(stored).Select(songId => new { albumId, songId }).ToList();
        if (added.Count > 0)
        {
            connection.Execute("INSERT INTO archivedotorg_studio_album_song (album_id, song_id) VALUES (@albumId, @songId)", added, transaction);
        }
    }

    private sealed class StoredAlbum
    {
        public int Id { get; init; }
        public string Title { get; init; } = "";
        public int? Year { get; init; }
        public string? Cover { get; init; }
    }
}
