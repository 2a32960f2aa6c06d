using System.Runtime.CompilerServices;

namespace ArchiveImport.Core.Matching;

/// <summary>Where a title sits inside the song name it was found in.</summary>
internal enum WordRunKind
{
    /// <summary>The name without its first one or two words ("Midnight Hour" in "In the Midnight Hour").</summary>
    LeadingWordsDropped,

    /// <summary>The name without its last one or two words ("China Cat" in "China Cat Sunflower").</summary>
    TrailingWordsDropped,
}

/// <summary>A song whose name holds a title as a whole-word run at one of its ends.</summary>
internal readonly record struct WordRun(SongRef Song, WordRunKind Kind, int DroppedWords);

/// <summary>
/// The runs of whole words a song name keeps when one or two words are dropped from its start or its end. A run that
/// two songs share leads to neither. Runs are kept as 64-bit hashes (a catalogue of 50,000 names has hundreds of
/// thousands of them) and a hit is checked against the song's name.
/// </summary>
internal sealed class WordRunIndex
{
    public const int MaxDroppedWords = 2;

    // A run must keep this much of a name to say anything: "blues" or "river" alone fit too many songs.
    private const int MinimumLeadingRunWords = 2;

    private readonly Dictionary<ulong, WordRun?> runs = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once per run over every song: no time to tier up
    public WordRunIndex(IEnumerable<(SongRef Song, string Key)> names)
    {
        foreach (var (song, key) in names)
        {
            var starts = WordStarts(key);
            for (var dropped = 1; dropped <= MaxDroppedWords && starts.Count - dropped >= MinimumLeadingRunWords; dropped++)
            {
                Add(KeyHash.Of(key.AsSpan(starts[dropped])), new WordRun(song, WordRunKind.LeadingWordsDropped, dropped));
            }

            for (var dropped = 1; dropped <= MaxDroppedWords && starts.Count - dropped >= 1; dropped++)
            {
                Add(KeyHash.Of(key.AsSpan(0, starts[starts.Count - dropped] - 1)), new WordRun(song, WordRunKind.TrailingWordsDropped, dropped));
            }
        }
    }

    public long ApproximateBytes => runs.Count * 40L;

    /// <summary>The one song whose name holds <paramref name="title"/> at one of its ends, if exactly one does.</summary>
    public WordRun? Find(string title)
    {
        if (!runs.TryGetValue(KeyHash.Of(title), out var run) || run is not { } found)
        {
            return null;
        }

        var name = TitleNormalizer.Normalize(found.Song.Name);
        var holds = found.Kind == WordRunKind.LeadingWordsDropped
            ? name.Length > title.Length && name.EndsWith(title, StringComparison.Ordinal) && name[^(title.Length + 1)] == ' '
            : name.Length > title.Length && name.StartsWith(title, StringComparison.Ordinal) && name[title.Length] == ' ';
        return holds ? found : null;
    }

    private void Add(ulong hash, WordRun run)
    {
        if (!runs.TryGetValue(hash, out var existing))
        {
            runs[hash] = run;
        }
        else if (existing is { } other && other.Song.Key != run.Song.Key)
        {
            runs[hash] = null;
        }
    }

    private static List<int> WordStarts(string key)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == ' ')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
