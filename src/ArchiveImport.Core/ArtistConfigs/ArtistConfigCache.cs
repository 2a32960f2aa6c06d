using System.Collections.Concurrent;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Artist configs already read and validated (or refused), each kept with the length and last write time its file had
/// when it was read: a file whose length or write time has changed since is read again. Reading a large config and
/// validating it takes milliseconds, which health checks paid on every call. Thread-safe; one cache can serve every
/// <see cref="ArtistConfigStore"/> of a process.
/// </summary>
public sealed class ArtistConfigCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The config in the file at <paramref name="fullPath"/>, read with <paramref name="load"/> unless the file is as it was last time.</summary>
    public ArtistConfig Load(string fullPath, Func<string, ArtistConfig> load)
    {
        // The stamp is taken before reading, so a file changed while it is read is stored under its older stamp and
        // simply read again next time.
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            entries.TryRemove(fullPath, out _);
            return load(fullPath);
        }

        var stamp = new Stamp(file.Length, file.LastWriteTimeUtc);
        if (entries.TryGetValue(fullPath, out var known) && known.Stamp == stamp)
        {
            return known.Config ?? throw known.Problem!;
        }

        try
        {
            var config = load(fullPath);
            entries[fullPath] = new Entry(stamp, config, null);
            return config;
        }
        catch (ArtistConfigException ex)
        {
            entries[fullPath] = new Entry(stamp, null, ex);
            throw;
        }
    }

    private readonly record struct Stamp(long Length, DateTime LastWriteUtc);

    private sealed record Entry(Stamp Stamp, ArtistConfig? Config, ArtistConfigException? Problem);
}
