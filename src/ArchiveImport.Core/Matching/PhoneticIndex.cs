using System.Collections.Frozen;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Song names and aliases by their full-length Double Metaphone phrase keys (primary and alternate). A title whose key
/// leads to exactly one song is a phonetic match; to several, an ambiguity that is reported, never resolved by guessing.
/// </summary>
internal sealed class PhoneticIndex
{
    /// <summary>Shorter normalised titles carry too little sound to tell songs apart ("Sun" / "Son").</summary>
    public const int MinimumLength = 5;

    private readonly FrozenDictionary<string, SongRef[]> songsByKey;
    private readonly DeleteIndex nearKeys;

    public PhoneticIndex(IEnumerable<KeyValuePair<string, SongRef>> keyedSongs)
    {
        var byKey = new Dictionary<string, List<SongRef>>(StringComparer.Ordinal);
        foreach (var (text, song) in keyedSongs)
        {
            if (text.Length < MinimumLength)
            {
                continue;
            }

            var keys = DoubleMetaphone.EncodePhrase(text);
            foreach (var key in keys.Primary == keys.Alternate ? [keys.Primary] : new[] { keys.Primary, keys.Alternate })
            {
                if (key.Length == 0)
                {
                    continue;
                }

                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                if (!list.Exists(s => s.Key == song.Key))
                {
                    list.Add(song);
                }
            }
        }

        songsByKey = byKey.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        nearKeys = new DeleteIndex(byKey.Where(pair => pair.Value.Count == 1).Select(pair => KeyValuePair.Create(pair.Key, pair.Value[0])));
    }

    public long ApproximateBytes => (songsByKey.Count * 64L) + nearKeys.ApproximateBytes;

    /// <summary>Every song whose name or alias sounds like <paramref name="normalized"/>.</summary>
    public IReadOnlyList<SongRef> Find(string normalized)
    {
        if (normalized.Length < MinimumLength)
        {
            return [];
        }

        var keys = DoubleMetaphone.EncodePhrase(normalized);
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

        var key = DoubleMetaphone.EncodePhrase(normalized).Primary;
        return nearKeys.Find(key, 1, SuggestionBasis.Sound, limit);
    }
}
