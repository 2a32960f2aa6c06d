namespace ArchiveImport.Core.Matching;

/// <summary>
/// A symmetric-delete index (one deletion deep) over normalised keys: every key is stored under its own hash and the
/// hash of each one-character deletion of it; a query probes the same set of hashes for itself. Two strings meet when
/// they are within one insertion, deletion, substitution or transposition of each other, and often at two. Hits are
/// verified with the bounded Damerau-Levenshtein distance, so hash collisions cost time, never correctness.
/// Stored as two sorted parallel arrays (8 + 4 bytes an entry): ~16 entries per key, a few MB for 50,000 songs.
/// </summary>
internal sealed class DeleteIndex
{
    private const int MinimumLength = 3;
    private readonly string[] keys;
    private readonly SongRef[] songs;
    private readonly ulong[] hashes;
    private readonly int[] entries;

    public DeleteIndex(IEnumerable<KeyValuePair<string, SongRef>> keyedSongs)
    {
        var distinct = keyedSongs.Where(pair => pair.Key.Length >= MinimumLength)
            .DistinctBy(pair => (pair.Key, pair.Value.Key)).ToArray();
        keys = distinct.Select(pair => pair.Key).ToArray();
        songs = distinct.Select(pair => pair.Value).ToArray();

        var pairs = new List<(ulong Hash, int Entry)>(keys.Length * 16);
        var seen = new HashSet<ulong>();
        for (var i = 0; i < keys.Length; i++)
        {
            seen.Clear();
            for (var skip = -1; skip < keys[i].Length; skip++)
            {
                var hash = Hash(keys[i], skip);
                if (seen.Add(hash))
                {
                    pairs.Add((hash, i));
                }
            }
        }

        pairs.Sort((a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Entry.CompareTo(b.Entry));
        hashes = pairs.Select(p => p.Hash).ToArray();
        entries = pairs.Select(p => p.Entry).ToArray();
    }

    public int Count => keys.Length;

    /// <summary>Approximate bytes held by the index, for the benchmark's memory figure.</summary>
    public long ApproximateBytes => (hashes.Length * 12L) + keys.Sum(k => 24L + (2L * k.Length)) + (songs.Length * 8L);

    /// <summary>Songs within <paramref name="maxDistance"/> edits of <paramref name="text"/>, nearest first, one entry per song.</summary>
    public IReadOnlyList<SongSuggestion> Find(ReadOnlySpan<char> text, int maxDistance, SuggestionBasis basis, int limit)
    {
        if (text.Length < MinimumLength || keys.Length == 0)
        {
            return [];
        }

        List<SongSuggestion>? found = null;
        for (var skip = -1; skip < text.Length; skip++)
        {
            var hash = Hash(text, skip);
            var at = Array.BinarySearch(hashes, hash);
            if (at < 0)
            {
                continue;
            }

            while (at > 0 && hashes[at - 1] == hash)
            {
                at--;
            }

            for (; at < hashes.Length && hashes[at] == hash; at++)
            {
                var entry = entries[at];
                var distance = DamerauLevenshtein.Distance(text, keys[entry], maxDistance);
                if (distance == int.MaxValue)
                {
                    continue;
                }

                found ??= [];
                var song = songs[entry];
                var existing = found.FindIndex(s => s.Song.Key == song.Key);
                var score = 1.0 - ((double)distance / Math.Max(text.Length, keys[entry].Length));
                if (existing < 0)
                {
                    found.Add(new SongSuggestion(song, Math.Round(score, 3), basis, distance));
                }
                else if (distance < found[existing].Distance)
                {
                    found[existing] = new SongSuggestion(song, Math.Round(score, 3), basis, distance);
                }
            }
        }

        if (found is null)
        {
            return [];
        }

        found.Sort((a, b) =>
            a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
            : a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(a.Song.Key, b.Song.Key));
        return found.Count > limit ? found.GetRange(0, limit) : found;
    }

    /// <summary>FNV-1a over the text with the character at <paramref name="skip"/> left out (-1: none).</summary>
    private static ulong Hash(ReadOnlySpan<char> text, int skip)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }

            hash = (hash ^ text[i]) * 1099511628211UL;
        }

        return hash ^ (ulong)(text.Length - (skip >= 0 ? 1 : 0));
    }
}
