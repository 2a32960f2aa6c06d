using System.IO.Compression;
using System.Security.Cryptography;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>What Compress-ArchiveMetadata did for one artist.</summary>
/// <param name="BytesBefore">The loose files packed plus the zip they joined, as they were.</param>
/// <param name="BytesAfter">The new zip.</param>
public sealed record MetadataCompressResult(string Artist, int FilesPacked, int FilesInZip, long BytesBefore, long BytesAfter, string ZipPath);

/// <summary>An artist whose files could not be packed this time (its import lock was held, its zip is unreadable).</summary>
public sealed record MetadataCompressProblem(string Artist, string Message, bool ImportRunning);

/// <summary>
/// Packs the loose metadata files of shows downloaded more than N days ago into one zip per artist
/// (&lt;metadata&gt;/&lt;Artist&gt;/archive.zip). The zip is rewritten whole: its kept entries and the new files go to a
/// temporary zip, which is flushed, read back and checked entry by entry against their SHA-256, then renamed over the
/// old one; only then are the packed loose files removed (each only if it still has the bytes that were packed). Killed
/// at any moment, every show is a loose file or in the zip in place, and the next run completes the job.
/// </summary>
public sealed class MetadataCompression(ArchiveServices services)
{
    public (IReadOnlyList<MetadataCompressResult> Packed, IReadOnlyList<MetadataCompressProblem> Problems) Compress(
        int olderThanDays, string? onlyArtist, ProceedDecision proceed)
    {
        var cutoff = services.Now.AddDays(-olderThanDays);
        var packed = new List<MetadataCompressResult>();
        var problems = new List<MetadataCompressProblem>();
        foreach (var (artistId, artist) in services.Artists.All())
        {
            if (onlyArtist is not null && !artist.Equals(onlyArtist, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var loose = LooseFiles(artistId, artist, cutoff);
            var zipPath = services.MetadataFiles.PackPathFor(artist);
            if (loose.Count == 0 || !proceed(zipPath, $"Pack {loose.Count} metadata file(s) of {artist} downloaded before {cutoff:u}"))
            {
                continue;
            }

            var (held, busy) = ArtistImportLocks.TryHold(services, artist, "Compress-ArchiveMetadata");
            if (busy is not null)
            {
                problems.Add(new MetadataCompressProblem(artist, busy, ImportRunning: true));
                continue;
            }

            using (held)
            {
                try
                {
                    services.MetadataFiles.RemoveLeftovers(artist); // a killed run's temporary zip
                    packed.Add(Pack(artist, zipPath, loose));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    problems.Add(new MetadataCompressProblem(artist,
                        $"packing {zipPath} failed ({ex.Message.TrimEnd('.')}); every file is still loose or in the old zip. Fix the cause (free space, permissions; " +
                        $"an unreadable zip: restore it with Restore-ArchiveMetadata or move it aside), then run Compress-ArchiveMetadata again", ImportRunning: false));
                }
            }
        }

        return (packed, problems);
    }

    private List<(string Identifier, string Path)> LooseFiles(int artistId, string artist, DateTime cutoff)
    {
        var files = new List<(string, string)>();
        foreach (var row in services.ShowMetadata.ForArtist(artistId, ShowMetadataStatus.Downloaded).Where(r => r.DownloadedAt < cutoff))
        {
            var path = services.MetadataFiles.PathFor(artist, row.Identifier);
            if (File.Exists(path))
            {
                files.Add((row.Identifier, path));
            }
        }

        return files;
    }

    private static MetadataCompressResult Pack(string artist, string zipPath, List<(string Identifier, string Path)> loose)
    {
        var oldBytes = File.Exists(zipPath) ? new FileInfo(zipPath).Length : 0;
        var replaced = loose.Select(l => MetadataPack.EntryName(l.Identifier)).ToHashSet(StringComparer.Ordinal);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        long looseBytes = 0;
        AtomicFile.WriteStream(zipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            if (File.Exists(zipPath))
            {
                using var old = ZipFile.OpenRead(zipPath);
                // Only <identifier>.json entries are shows; anything else (a path, "..") is never carried over.
                foreach (var entry in old.Entries.Where(e => MetadataPack.IdentifierOf(e.FullName) is not null && !replaced.Contains(e.FullName)))
                {
                    using var source = entry.Open();
                    expected[entry.FullName] = Add(zip, entry.FullName, source).Sha256;
                }
            }

            foreach (var (identifier, path) in loose)
            {
                using var source = File.OpenRead(path);
                var (bytes, sha256) = Add(zip, MetadataPack.EntryName(identifier), source);
                expected[MetadataPack.EntryName(identifier)] = sha256;
                looseBytes += bytes;
            }
        }, written => Verify(written, expected));

        foreach (var (identifier, path) in loose)
        {
            // A file downloaded again while packing holds newer bytes: it stays loose and wins over the zipped copy.
            if (Sha256Of(path) == expected[MetadataPack.EntryName(identifier)])
            {
                File.Delete(path);
            }
        }

        return new MetadataCompressResult(artist, loose.Count, expected.Count, looseBytes + oldBytes, new FileInfo(zipPath).Length, zipPath);
    }

    private static (long Bytes, string Sha256) Add(ZipArchive zip, string name, Stream source)
    {
        using var target = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        return HashingCopy.Copy(source, target);
    }

    private static void Verify(string zipPath, Dictionary<string, string> expected)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        if (zip.Entries.Count != expected.Count)
        {
            throw new InvalidDataException($"the new zip holds {zip.Entries.Count} entries, not {expected.Count}");
        }

        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            if (!expected.TryGetValue(entry.FullName, out var sha256) || Convert.ToHexStringLower(SHA256.HashData(stream)) != sha256)
            {
                throw new InvalidDataException($"the new zip's {entry.FullName} does not read back as it was written");
            }
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
