namespace ArchiveImport.Core.Matching;

/// <summary>
/// A <see cref="SongIndex"/> kept as 64-bit key hashes rather than strings, for the variant keys (joined, singular) that
/// every song adds on top of its name: a fifth of the memory, and a title is only ever looked up, never listed.
/// </summary>
internal sealed class HashedSongIndex
{
    private readonly Dictionary<ulong, SongRef?> songsByHash;

    public HashedSongIndex(IEnumerable<IndexedKey> keys)
    {
        var settled = SongIndex.Build(keys);
        songsByHash = new Dictionary<ulong, SongRef?>(settled.Count);
        foreach (var (key, song) in settled.AllKeys)
        {
            songsByHash[KeyHash.Of(key)] = song;
        }
    }

    public long ApproximateBytes => songsByHash.Count * 32L;

    /// <summary>The one song under this key; null when none or several are.</summary>
    public SongRef? Find(ReadOnlySpan<char> key) => songsByHash.GetValueOrDefault(KeyHash.Of(key));
}
