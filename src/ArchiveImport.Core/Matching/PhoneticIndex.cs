using System.Runtime.CompilerServices;
namespace ArchiveImport.Core.Matching;

/// <summary>
/// Song names and aliases by their full-length Double Metaphone phrase keys (primary and alternate). A title whose key
/// leads to exactly one song is a phonetic match; to several, an ambiguity that is reported, never resolved by guessing.
/// </summary>
internal sealed class PhoneticIndex
{
    /// <summary>Shorter normalised titles carry too little sound to tell songs apart ("Sun" / "Son").</summary>
    public const int MinimumLength = 5;

    private readonly Dictionary<string, SongRef[]> songsByKey;

    // The keys of every word in the catalogue, encoded once at build; read-only afterwards, so safe to share.
    private readonly Dictionary<string, MetaphoneKeys> wordKeys = new(StringComparer.Ordinal);
    private readonly DeleteIndex nearKeys;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once per run over every song: no time to tier up
    public PhoneticIndex(IEnumerable<KeyValuePair<string, SongRef>> keyedSongs)
    {
        // Lists while building, de-duplicated once at the end: names that all sound alike ("Jam 1" … "Jam 20000", digits
        // have no sound) put every song under one key, and growing and searching an array per song made that quadratic.
        var byKey = new Dictionary<string, List<SongRef>>(StringComparer.Ordinal);
        foreach (var (text, song) in keyedSongs)
        {
            if (text.Length < MinimumLength)
            {
                continue;
            }

            var keys = Keys(text, wordKeys, learn: true);
            Add(byKey, keys.Primary, song);
            if (!ReferenceEquals(keys.Alternate, keys.Primary) && keys.Alternate != keys.Primary)
            {
                Add(byKey, keys.Alternate, song);
            }
        }

        songsByKey = byKey.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Count == 1 ? new[] { pair.Value[0] } : pair.Value.DistinctBy(song => song.Key, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
        nearKeys = new DeleteIndex(songsByKey.Where(pair => pair.Value.Length == 1).Select(pair => KeyValuePair.Create(pair.Key, pair.Value[0])));
    }

    public long ApproximateBytes => (songsByKey.Count * 64L) + (wordKeys.Count * 96L) + nearKeys.ApproximateBytes;

    /// <summary>
    /// The phrase keys of a normalised text (lower-case words separated by single spaces): each word's Double Metaphone
    /// keys joined by spaces. Song names share most of their words, so the index build encodes each distinct word once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static MetaphoneKeys Keys(string normalized, Dictionary<string, MetaphoneKeys> wordCache, bool learn)
    {
        // A word's key is at most about twice its length (X → KS); spaces match the text's own.
        var capacity = (normalized.Length * 2) + 2;
        Span<char> primary = capacity <= 256 ? stackalloc char[capacity] : new char[capacity];
        Span<char> alternate = capacity <= 256 ? stackalloc char[capacity] : new char[capacity];
        int primaryLength = 0, alternateLength = 0;
        var lookup = wordCache.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in normalized.AsSpan().Split(' '))
        {
            var word = normalized.AsSpan(range);
            MetaphoneKeys keys;
            if (!lookup.TryGetValue(word, out keys))
            {
                keys = DoubleMetaphone.Encode(word);
                if (learn)
                {
                    lookup[word] = keys;
                }
            }

            if (keys.Primary.Length == 0)
            {
                continue;
            }

            if (primaryLength > 0)
            {
                primary[primaryLength++] = ' ';
                alternate[alternateLength++] = ' ';
            }

            keys.Primary.CopyTo(primary[primaryLength..]);
            primaryLength += keys.Primary.Length;
            keys.Alternate.CopyTo(alternate[alternateLength..]);
            alternateLength += keys.Alternate.Length;
        }

        var first = new string(primary[..primaryLength]);
        return new MetaphoneKeys(first, alternate[..alternateLength].SequenceEqual(first) ? first : new string(alternate[..alternateLength]));
    }

    private static void Add(Dictionary<string, List<SongRef>> byKey, string key, SongRef song)
    {
        if (key.Length == 0)
        {
            return;
        }

        ref var songs = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byKey, key, out var exists);
        if (!exists)
        {
            songs = new List<SongRef>(1);
        }

        // The same song again (its name and an alias sound alike) is skipped here when it is next to itself, and by
        // the DistinctBy above otherwise.
        if (songs!.Count == 0 || songs[^1].Key != song.Key)
        {
            songs.Add(song);
        }
    }

    /// <summary>Every song whose name or alias sounds like <paramref name="normalized"/>.</summary>
    public IReadOnlyList<SongRef> Find(string normalized)
    {
        if (normalized.Length < MinimumLength)
        {
            return [];
        }

        var keys = Keys(normalized, wordKeys, learn: false);
        songsByKey.TryGetValue(keys.Primary, out var primary);
        if (keys.Alternate == keys.Primary || !songsByKey.TryGetValue(keys.Alternate, out var alternate))
        {
            return primary ?? [];
        }

        return primary is null ? alternate : primary.Concat(alternate).DistinctBy(s => s.Key).ToArray();
    }

    /// <summary>Songs whose sound is one edit away from the title's, for suggestions.</summary>
    public IReadOnlyList<SongSuggestion> Near(string normalized, int limit)
    {
        if (normalized.Length < MinimumLength)
        {
            return [];
        }

        var key = Keys(normalized, wordKeys, learn: false).Primary;
        return nearKeys.Find(key, 1, SuggestionBasis.Sound, limit);
    }
}
