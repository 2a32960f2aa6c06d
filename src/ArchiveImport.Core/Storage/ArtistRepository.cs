using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>archivedotorg_artist: the artists the catalog knows, by name and archive.org collection.</summary>
public sealed class ArtistRepository
{
    private readonly CatalogDatabase database;

    public ArtistRepository(CatalogDatabase database) => this.database = database;

    public int Ensure(string name, string collection, DateTime now)
    {
        using var connection = database.Open();
        var id = connection.ExecuteScalar<int?>("SELECT artist_id FROM archivedotorg_artist WHERE artist_name = @name", new { name });
        if (id is { } existing)
        {
            connection.Execute(
                "UPDATE archivedotorg_artist SET collection_id = @collection, updated_at = @now WHERE artist_id = @existing AND collection_id <> @collection",
                new { existing, collection, now });
            return existing;
        }

        connection.Execute(
            database.Dialect.Upsert("archivedotorg_artist", ["artist_name", "collection_id", "created_at", "updated_at"], ["artist_name"], []),
            new { artist_name = name, collection_id = collection, created_at = now, updated_at = now });
        return connection.ExecuteScalar<int>("SELECT artist_id FROM archivedotorg_artist WHERE artist_name = @name", new { name });
    }

    /// <summary>Every artist the catalog knows: id and name.</summary>
    public IReadOnlyList<(int Id, string Name)> All()
    {
        using var connection = database.Open();
        return connection.Query<(int, string)>("SELECT artist_id, artist_name FROM archivedotorg_artist ORDER BY artist_id").AsList();
    }

    public int? Find(string name)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int?>("SELECT artist_id FROM archivedotorg_artist WHERE artist_name = @name", new { name });
    }
}
