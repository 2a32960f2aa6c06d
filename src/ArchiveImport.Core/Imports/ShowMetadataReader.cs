using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>
/// Where populate reads a show's metadata body. The catalog keeps every body a worker downloaded (so a worker on
/// another machine can populate it); a local file is this machine's cache of it. The local file is read when it is
/// the body the catalog keeps (the same SHA-256); otherwise the catalog's copy is read and replaces the local file.
/// A show downloaded before the catalog kept bodies has only its local file, which is read as it is. A show packed into
/// its artist's archive.zip (Compress-ArchiveMetadata) is read from there when it has no loose file.
/// </summary>
internal sealed class ShowMetadataReader(ArchiveServices services, Action<string> verbose)
{
    public byte[] Read(string artist, ShowMetadataRow row)
    {
        var path = services.MetadataFiles.PathFor(artist, row.Identifier);
        if (File.Exists(path))
        {
            var local = File.ReadAllBytes(path);
            if (row.BodySha256 is null || MetadataBodyCodec.Sha256(local) == row.BodySha256)
            {
                return local;
            }
        }

        // Packed by Compress-ArchiveMetadata; a loose file (a newer download) wins over the zipped one.
        if (services.MetadataFiles.ReadPacked(artist, row.Identifier) is { } packed
            && (row.BodySha256 is null || MetadataBodyCodec.Sha256(packed) == row.BodySha256))
        {
            return packed;
        }

        if (row.BodySha256 is null)
        {
            return File.ReadAllBytes(path); // neither a file nor a zipped copy: the missing file is the error
        }

        var stored = services.ShowMetadata.GetBody(row.Identifier)
            ?? throw new FileNotFoundException($"the catalog no longer keeps the metadata of this show and {path} is not it.", path);
        try
        {
            services.MetadataFiles.WriteAtomically(path, stored.Body);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is only a cache: the show is populated from the catalog's copy all the same.
            verbose($"Could not refresh the local copy {path} ({ex.Message}); populating from the catalog's copy.");
        }

        return stored.Body;
    }
}
