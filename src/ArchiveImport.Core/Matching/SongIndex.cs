using System.Runtime.CompilerServices;
namespace ArchiveImport.Core.Matching;

/// <summary>How strongly a normalised key belongs to its song, to settle keys two songs share.</summary>
internal enum KeyStrength
{
    /// <summary>The name or alias itself.</summary>
    Primary = 0,

    /// <summary>A shortened form: without its bracketed part or a leading number.</summary>
    Derived = 1,
}

internal readonly record struct IndexedKey(string Key, SongRef Song, KeyStrength Strength);

/// <summary>
/// Normalised key → song. A key two songs claim with equal strength is kept as ambiguous
/// rather than given to either, so it can never produce a wrong automatic match.
/// </summary>
internal sealed class SongIndex
{
    private readonly Dictionary<string, SongRef?> songsByKey;
    private readonly Dictionary<string, SongRef?>.AlternateLookup<ReadOnlySpan<char>> spanLookup;

    private SongIndex(Dictionary<string, SongRef?> songsByKey)
    {
        this.songsByKey = songsByKey;
        spanLookup = songsByKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => songsByKey.Count;

    /// <summary>Every key, with its song or null when several songs claim it.</summary>
    public IEnumerable<KeyValuePair<string, SongRef?>> AllKeys => songsByKey;

    /// <summary>The keys that lead to exactly one song.</summary>
    public IEnumerable<KeyValuePair<string, SongRef>> UnambiguousKeys =>
        songsByKey.Where(pair => pair.Value is not null).Select(pair => KeyValuePair.Create(pair.Key, pair.Value!));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once per run over every song: no time to tier up
    public static SongIndex Build(IEnumerable<IndexedKey> keys)
    {
        var claims = new Dictionary<string, (SongRef? Song, KeyStrength Strength)>(StringComparer.Ordinal);
        foreach (var (key, song, strength) in keys)
        {
            if (key.Length == 0)
            {
                continue;
            }

            if (!claims.TryGetValue(key, out var existing) || strength < existing.Strength)
            {
                claims[key] = (song, strength);
            }
            else if (strength == existing.Strength && existing.Song is not null && existing.Song.Key != song.Key)
            {
                claims[key] = (null, strength);
            }
        }

        return new SongIndex(claims.ToDictionary(pair => pair.Key, pair => pair.Value.Song, StringComparer.Ordinal));
    }

    /// <summary>True when the key is indexed; <paramref name="song"/> is then null if the key is ambiguous.</summary>
    public bool TryFind(ReadOnlySpan<char> key, out SongRef? song) => spanLookup.TryGetValue(key, out song);

    public bool Contains(string key) => songsByKey.ContainsKey(key);
}
