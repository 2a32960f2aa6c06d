using System.Globalization;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// How large an artist config may be. The largest real catalogues (Grateful Dead, Phish) hold a few thousand songs,
/// so these are far beyond any real artist, yet low enough that loading a file at the limit and building its matcher
/// takes seconds and a few hundred MB, not minutes and gigabytes (see docs/PERFORMANCE.md, "Large artist configs").
/// A file over a limit is refused before it is parsed (size) or while it is read (counts), naming the file, the
/// count and the limit.
/// </summary>
public static class ArtistConfigLimits
{
    /// <summary>
    /// 16 MiB: room for <see cref="MaxSongs"/> songs with <see cref="MaxAliases"/> aliases at ordinary name lengths
    /// (about 150 bytes a song), while a stray multi-GB file is refused before YAML parsing holds it in memory.
    /// </summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Songs (<c>tracks:</c> entries) in one file: 100,000, some 20 times the largest real catalogue.</summary>
    public const int MaxSongs = 100_000;

    /// <summary>Aliases over all songs of one file: 250,000, two and a half a song at <see cref="MaxSongs"/>.</summary>
    public const int MaxAliases = 250_000;

    /// <summary>Entries of <c>ignore:</c>: 10,000 titles that are never songs.</summary>
    public const int MaxIgnoreEntries = 10_000;

    /// <summary>Entries of <c>studio_albums:</c>: 10,000, far beyond any artist's discography.</summary>
    public const int MaxStudioAlbums = 10_000;

    /// <summary>Throws when the file at <paramref name="path"/> is larger than <see cref="MaxFileBytes"/>.</summary>
    internal static void CheckFileSize(string path)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return; // Reading the file reports this with its own message.
        }

        if (length > MaxFileBytes)
        {
            throw new ArtistConfigException(path, null, null,
                $"the file is {Megabytes(length)} MB; artist configs may be at most {Megabytes(MaxFileBytes)} MB",
                $"An artist config holds at most {Count(MaxSongs)} songs and {Count(MaxAliases)} aliases: check that this is the file you meant, "
                + "and remove unused songs and aliases (or split out artists that share it).");
        }
    }

    /// <summary>A count as the messages write it: 100,000.</summary>
    internal static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);
}
