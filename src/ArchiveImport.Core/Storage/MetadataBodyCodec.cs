using System.IO.Compression;
using System.Security.Cryptography;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// How a metadata body is kept in archivedotorg_show_metadata_content: gzip (any operator can unpack a copy with
/// gunzip) and the SHA-256 of the uncompressed bytes, which proves a local file or an unpacked copy is the one stored.
/// </summary>
public static class MetadataBodyCodec
{
    public static string Sha256(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    internal static byte[] Compress(ReadOnlySpan<byte> body)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return packed.ToArray();
    }

    internal static byte[] Decompress(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var body = new MemoryStream();
        gzip.CopyTo(body);
        return body.ToArray();
    }
}
