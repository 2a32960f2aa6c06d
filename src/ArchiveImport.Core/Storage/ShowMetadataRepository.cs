using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

public static class ShowMetadataStatus
{
    public const string Downloaded = "downloaded";
    public const string NotImportable = "not_importable";
}

/// <summary>A row of archivedotorg_show_metadata: what was downloaded for a show, when, and its hash.</summary>
public sealed class ShowMetadataRow
{
    public string Identifier { get; init; } = "";
    public int ArtistId { get; init; }
    public string Status { get; init; } = "";
    public string? FilePath { get; init; }
    public string? ContentHash { get; init; }
    public long Bytes { get; init; }
    public string? SourceUpdated { get; init; }
    public string? Reason { get; init; }
    public DateTime DownloadedAt { get; init; }
}

public sealed class ShowMetadataRepository
{
    private static readonly string[] Columns =
        ["artist_id", "identifier", "status", "file_path", "content_hash", "bytes", "source_updated", "reason", "downloaded_at", "checked_at"];

    private const string Select = """
        SELECT identifier AS Identifier, artist_id AS ArtistId, status AS Status, file_path AS FilePath, content_hash AS ContentHash,
               bytes AS Bytes, source_updated AS SourceUpdated, reason AS Reason, downloaded_at AS DownloadedAt
        FROM archivedotorg_show_metadata
        """;

    private readonly CatalogDatabase database;
    private readonly SharedConnection? shared;

    public ShowMetadataRepository(CatalogDatabase database)
        : this(database, null)
    {
    }

    private ShowMetadataRepository(CatalogDatabase database, SharedConnection? shared)
    {
        this.database = database;
        this.shared = shared;
    }

    /// <summary>This repository with every call made on <paramref name="connection"/> instead of a pooled connection of its own.</summary>
    public ShowMetadataRepository On(SharedConnection connection) => new(database, connection);

    public ShowMetadataRow? Get(string identifier) =>
        Use(connection => connection.QuerySingleOrDefault<ShowMetadataRow>(Select + " WHERE identifier = @identifier", new { identifier }));

    public IReadOnlyList<ShowMetadataRow> ForArtist(int artistId, string? status = null)
    {
        using var connection = database.Open();
        return connection.Query<ShowMetadataRow>(
            Select + " WHERE artist_id = @artistId AND (@status IS NULL OR status = @status) ORDER BY identifier",
            new { artistId, status }).AsList();
    }

    /// <summary>
    /// Inserts or replaces the show's row. The identifier and file path are validated (a cut one would name another
    /// show or no file); archive.org's change stamp and the reason are clipped to their columns.
    /// </summary>
    public void Save(ShowMetadataRow row, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArchiveIdentifier.Validate(row.Identifier);
        if (!ColumnText.Fits(row.FilePath, ColumnLengths.ShowMetadata.FilePath))
        {
            throw new ArgumentException(
                $"The metadata file path of {row.Identifier} is {row.FilePath!.Length} characters long; the catalog stores at most "
                + $"{ColumnLengths.ShowMetadata.FilePath} (archivedotorg_show_metadata.file_path). Use a shorter metadata folder.",
                nameof(row));
        }

        Use(connection => connection.Execute(
            database.Dialect.Upsert("archivedotorg_show_metadata", Columns, ["identifier"], Columns.Where(c => c != "identifier").ToArray()),
            new
            {
                artist_id = row.ArtistId,
                identifier = row.Identifier,
                status = row.Status,
                file_path = row.FilePath,
                content_hash = row.ContentHash,
                bytes = row.Bytes,
                source_updated = ColumnText.Clip(row.SourceUpdated, ColumnLengths.ShowMetadata.SourceUpdated),
                reason = ColumnText.Clip(row.Reason, ColumnLengths.ShowMetadata.Reason),
                downloaded_at = row.DownloadedAt,
                checked_at = now,
            }));
    }

    /// <summary>
    /// The bytes of every metadata file downloaded, as recorded when each was written: what the metadata folder holds,
    /// known without listing its files.
    /// </summary>
    public long TotalBytes()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COALESCE(SUM(bytes), 0) FROM archivedotorg_show_metadata");
    }

    /// <summary>Notes that archive.org still reports the show unchanged.</summary>
    public void Touch(string identifier, string? sourceUpdated, DateTime now) =>
        Use(connection => connection.Execute(
            "UPDATE archivedotorg_show_metadata SET checked_at = @now, source_updated = COALESCE(@sourceUpdated, source_updated) WHERE identifier = @identifier",
            new { identifier, sourceUpdated = ColumnText.Clip(sourceUpdated, ColumnLengths.ShowMetadata.SourceUpdated), now }));

    private T Use<T>(Func<System.Data.Common.DbConnection, T> work)
    {
        if (shared is not null)
        {
            return shared.Use(work);
        }

        using var connection = database.Open();
        return work(connection);
    }
}
