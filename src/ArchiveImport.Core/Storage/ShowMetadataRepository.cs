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

    /// <summary>The SHA-256 of the body kept in the catalog (archivedotorg_show_metadata_content); null when none is.</summary>
    public string? BodySha256 { get; init; }
}

/// <summary>A show's metadata body as the catalog keeps it, unpacked and checked against its recorded hash.</summary>
public sealed record StoredMetadataBody(byte[] Body, string Sha256);

public sealed class ShowMetadataRepository
{
    private static readonly string[] Columns =
        ["artist_id", "identifier", "status", "file_path", "content_hash", "bytes", "source_updated", "reason", "downloaded_at", "checked_at"];

    private const string Select = """
        SELECT m.identifier AS Identifier, m.artist_id AS ArtistId, m.status AS Status, m.file_path AS FilePath, m.content_hash AS ContentHash,
               m.bytes AS Bytes, m.source_updated AS SourceUpdated, m.reason AS Reason, m.downloaded_at AS DownloadedAt, c.body_sha256 AS BodySha256
        FROM archivedotorg_show_metadata m LEFT JOIN archivedotorg_show_metadata_content c ON c.identifier = m.identifier
        """;

    private static readonly string[] ContentColumns = ["identifier", "body_gzip", "body_sha256", "stored_at"];

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
        Use(connection => connection.QuerySingleOrDefault<ShowMetadataRow>(Select + " WHERE m.identifier = @identifier", new { identifier }));

    public IReadOnlyList<ShowMetadataRow> ForArtist(int artistId, string? status = null)
    {
        using var connection = database.Open();
        return connection.Query<ShowMetadataRow>(
            Select + " WHERE m.artist_id = @artistId AND (@status IS NULL OR m.status = @status) ORDER BY m.identifier",
            new { artistId, status }).AsList();
    }

    /// <summary>
    /// Inserts or replaces the show's row and, when <paramref name="body"/> is given, the copy of its metadata body every
    /// worker reads, in one transaction. The identifier and file path are validated (a cut one would name another
    /// show or no file); archive.org's change stamp and the reason are clipped to their columns.
    /// </summary>
    public void Save(ShowMetadataRow row, DateTime now, ReadOnlySpan<byte> body = default)
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

        var content = body.IsEmpty ? null : ContentParameters(row.Identifier, body, now);
        var parameters = new
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
        };

        // The row and its body in one transaction, so a row never says downloaded without its body; repeatable whole.
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(
                database.Dialect.Upsert("archivedotorg_show_metadata", Columns, ["identifier"], Columns.Where(c => c != "identifier").ToArray()),
                parameters,
                transaction);
            if (content is not null)
            {
                connection.Execute(UpsertContent, content, transaction);
            }

            transaction.Commit();
            return 0;
        });
    }

    /// <summary>
    /// Keeps <paramref name="body"/> as the show's shared copy: for a show downloaded before the catalog kept bodies,
    /// from its local file.
    /// </summary>
    public void SaveBody(string identifier, ReadOnlySpan<byte> body, DateTime now)
    {
        ArchiveIdentifier.Validate(identifier);
        using var connection = database.Open();
        connection.Execute(UpsertContent, ContentParameters(identifier, body, now));
    }

    /// <summary>
    /// The show's metadata body as the catalog keeps it, or null when it keeps none. A copy that does not unpack to its
    /// recorded hash is refused, naming the show and what to run.
    /// </summary>
    public StoredMetadataBody? GetBody(string identifier)
    {
        using var connection = database.Open();
        var copy = connection.QuerySingleOrDefault<PackedBody>(
            "SELECT body_gzip AS Packed, body_sha256 AS Sha256 FROM archivedotorg_show_metadata_content WHERE identifier = @identifier", new { identifier });
        if (copy is null)
        {
            return null;
        }

        byte[] body;
        try
        {
            body = MetadataBodyCodec.Decompress(copy.Packed);
        }
        catch (InvalidDataException)
        {
            body = [];
        }

        if (MetadataBodyCodec.Sha256(body) != copy.Sha256)
        {
            throw new InvalidDataException(
                $"the catalog's copy of the metadata of {ArchiveIdentifier.Printable(identifier)} is damaged (it does not unpack to its recorded SHA-256). " +
                $"Run Invoke-ArchiveDownload -Artist <artist> -Identifier {ArchiveIdentifier.Printable(identifier)} -Force to store it again.");
        }

        return new StoredMetadataBody(body, copy.Sha256);
    }

    private sealed class PackedBody
    {
        public byte[] Packed { get; init; } = [];
        public string Sha256 { get; init; } = "";
    }

    private string UpsertContent =>
        database.Dialect.Upsert("archivedotorg_show_metadata_content", ContentColumns, ["identifier"], ContentColumns.Where(c => c != "identifier").ToArray());

    private static object ContentParameters(string identifier, ReadOnlySpan<byte> body, DateTime now) => new
    {
        identifier,
        body_gzip = MetadataBodyCodec.Compress(body),
        body_sha256 = MetadataBodyCodec.Sha256(body),
        stored_at = now,
    };

    /// <summary>
    /// The bytes of every metadata file downloaded, as recorded when each was written: what the metadata folder holds,
    /// known without listing its files.
    /// </summary>
    public long TotalBytes()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COALESCE(SUM(bytes), 0) FROM archivedotorg_show_metadata");
    }

    /// <summary>Points the show's row at where its metadata file now is (Move-ArchiveMetadata); no row, nothing to do.</summary>
    public void SetFilePath(string identifier, string path)
    {
        if (!ColumnText.Fits(path, ColumnLengths.ShowMetadata.FilePath))
        {
            throw new ArgumentException(
                $"The metadata file path {path} is {path.Length} characters long; the catalog stores at most "
                + $"{ColumnLengths.ShowMetadata.FilePath} (archivedotorg_show_metadata.file_path). Use a shorter metadata folder.",
                nameof(path));
        }

        Use(connection => connection.Execute(
            "UPDATE archivedotorg_show_metadata SET file_path = @path WHERE identifier = @identifier AND (file_path IS NULL OR file_path <> @path)",
            new { identifier, path }));
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
