using System.Runtime.CompilerServices;
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
    private const int BucketShift = 48;
    private const int BucketCount = 1 << (64 - BucketShift);
    private readonly string[] keys;
    private readonly SongRef[] songs;
    private readonly ulong[] hashes;
    private readonly int[] entries;

    // The sorted hashes cut into 65,536 buckets by their top bits: a probe searches a few entries, not the whole array.
    private readonly int[] bucketStarts;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once per run over every song: no time to tier up
    public DeleteIndex(IEnumerable<KeyValuePair<string, SongRef>> keyedSongs)
    {
        var distinct = keyedSongs.Where(pair => pair.Key.Length >= MinimumLength)
            .DistinctBy(pair => (pair.Key, pair.Value.Key)).ToArray();
        keys = distinct.Select(pair => pair.Key).ToArray();
        songs = distinct.Select(pair => pair.Value).ToArray();

        var count = keys.Sum(k => k.Length + 1);
        hashes = new ulong[count];
        entries = new int[count];
        var at = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var span = hashes.AsSpan(at, keys[i].Length + 1);
            Hashes(keys[i], span);
            entries.AsSpan(at, span.Length).Fill(i);
            at += span.Length;
        }

        RadixSort(hashes, entries);
        bucketStarts = new int[BucketCount + 1];
        var bucket = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            var b = (int)(hashes[i] >> BucketShift);
            while (bucket <= b)
            {
                bucketStarts[bucket++] = i;
            }
        }

        while (bucket <= BucketCount)
        {
            bucketStarts[bucket++] = hashes.Length;
        }
    }

    public int Count => keys.Length;

    /// <summary>Approximate bytes held by the index, for the benchmark's memory figure.</summary>
    public long ApproximateBytes => (hashes.Length * 12L) + (bucketStarts.Length * 4L) + keys.Sum(k => 24L + (2L * k.Length)) + (songs.Length * 8L);

    /// <summary>Songs within <paramref name="maxDistance"/> edits of <paramref name="text"/>, nearest first, one entry per song.</summary>
    public IReadOnlyList<SongSuggestion> Find(ReadOnlySpan<char> text, int maxDistance, SuggestionBasis basis, int limit)
    {
        if (text.Length < MinimumLength || keys.Length == 0)
        {
            return [];
        }

        List<SongSuggestion>? found = null;
        Span<ulong> probes = text.Length < 128 ? stackalloc ulong[text.Length + 1] : new ulong[text.Length + 1];
        Hashes(text, probes);
        foreach (var hash in probes)
        {
            var bucket = (int)(hash >> BucketShift);
            var start = bucketStarts[bucket];
            var at = Array.BinarySearch(hashes, start, bucketStarts[bucket + 1] - start, hash);
            if (at < 0)
            {
                continue;
            }

            while (at > start && hashes[at - 1] == hash)
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

    /// <summary>
    /// The hashes of <paramref name="text"/> itself (index 0) and of each one-character deletion of it (index j + 1),
    /// all in linear time: a polynomial hash splits into a prefix and a suffix part around the deleted character.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once per run over every song: no time to tier up
    private static void Hashes(ReadOnlySpan<char> text, Span<ulong> into)
    {
        const ulong Base = 1_000_003UL;
        var n = text.Length;
        Span<ulong> suffix = n + 1 <= 128 ? stackalloc ulong[n + 1] : new ulong[n + 1];
        Span<ulong> powers = n + 1 <= 128 ? stackalloc ulong[n + 1] : new ulong[n + 1];
        powers[0] = 1;
        for (var i = 1; i <= n; i++)
        {
            powers[i] = powers[i - 1] * Base;
        }

        suffix[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            suffix[i] = (text[i] * powers[n - 1 - i]) + suffix[i + 1];
        }

        into[0] = Finish(suffix[0], n);
        ulong prefix = 0;
        for (var j = 0; j < n; j++)
        {
            // text without j: prefix (text[..j]) shifted left by the n - 1 - j characters after it, plus what follows j.
            into[j + 1] = Finish((prefix * powers[n - 1 - j]) + suffix[j + 1], n - 1);
            prefix = (prefix * Base) + text[j];
        }
    }

    /// <summary>
    /// Sorts the hashes, carrying their entries along: four passes of 16 bits, several times faster than a comparison
    /// sort on the million or so entries of a large catalogue.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(ulong[] hashes, int[] entries)
    {
        var hashBuffer = new ulong[hashes.Length];
        var entryBuffer = new int[entries.Length];
        var counts = new int[(1 << 16) + 1];
        ulong[] fromHashes = hashes, toHashes = hashBuffer;
        int[] fromEntries = entries, toEntries = entryBuffer;
        for (var shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            foreach (var hash in fromHashes)
            {
                counts[((int)(hash >> shift) & 0xFFFF) + 1]++;
            }

            for (var i = 1; i < counts.Length; i++)
            {
                counts[i] += counts[i - 1];
            }

            for (var i = 0; i < fromHashes.Length; i++)
            {
                var at = counts[(int)(fromHashes[i] >> shift) & 0xFFFF]++;
                toHashes[at] = fromHashes[i];
                toEntries[at] = fromEntries[i];
            }

            (fromHashes, toHashes) = (toHashes, fromHashes);
            (fromEntries, toEntries) = (toEntries, fromEntries);
        }

        // Four passes end back in the original arrays.
    }

    /// <summary>Mixes in the length and spreads the bits (splitmix64's finaliser), so the top bits pick a fair bucket.</summary>
    private static ulong Finish(ulong hash, int length)
    {
        hash ^= (ulong)length * 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
