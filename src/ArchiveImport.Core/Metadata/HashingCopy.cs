using System.Security.Cryptography;

namespace ArchiveImport.Core.Metadata;

/// <summary>Copies a stream while hashing what passed, so a file is read once to be both copied and checked.</summary>
public static class HashingCopy
{
    public static (long Bytes, string Sha256) Copy(Stream source, Stream target)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            target.Write(buffer, 0, read);
            total += read;
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
