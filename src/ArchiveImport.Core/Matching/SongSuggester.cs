namespace ArchiveImport.Core.Matching;

/// <summary>
/// Proposes the song whose key is closest in spelling to an unmatched title, for a person to
/// confirm; never used for automatic matches. Keys are bucketed by length, and a character-count
/// lower bound skips most keys before the edit distance is computed.
/// </summary>
internal sealed class SongSuggester
{
    private readonly Candidate[][] candidatesByLength;

    public SongSuggester(IEnumerable<KeyValuePair<string, SongRef>> keys)
    {
        var groups = keys.GroupBy(pair => pair.Key.Length).ToList();
        var longest = groups.Count == 0 ? 0 : groups.Max(group => group.Key);
        candidatesByLength = new Candidate[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            candidatesByLength[length] = [];
        }

        foreach (var group in groups)
        {
            candidatesByLength[group.Key] = group
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => new Candidate(pair.Key, pair.Value, CharacterCounts.Of(pair.Key)))
                .ToArray();
        }
    }

    /// <summary>
    /// The song at the smallest distance when that distance is at most max(1, length / 5);
    /// null when nothing is that close or when two songs are equally close.
    /// </summary>
    public SongRef? Suggest(ReadOnlySpan<char> text)
    {
        var bound = Math.Max(1, text.Length / 5);
        var textCounts = CharacterCounts.Of(text);
        var best = int.MaxValue;
        SongRef? bestSong = null;
        var tied = false;
        var shortest = Math.Max(0, text.Length - bound);
        var longest = Math.Min(candidatesByLength.Length - 1, text.Length + bound);
        for (var length = shortest; length <= longest; length++)
        {
            foreach (var candidate in candidatesByLength[length])
            {
                // Ties must still be seen, so the bound is the best distance so far, not one less.
                var limit = Math.Min(bound, best);
                if (Math.Abs(length - text.Length) > limit || textCounts.MinimumEdits(candidate.Counts) > limit)
                {
                    continue;
                }

                var distance = DamerauLevenshtein.Distance(text, candidate.Key, limit);
                if (distance < best)
                {
                    best = distance;
                    bestSong = candidate.Song;
                    tied = false;
                }
                else if (distance == best && distance != int.MaxValue && bestSong!.Key != candidate.Song.Key)
                {
                    tied = true;
                }
            }
        }

        return tied ? null : bestSong;
    }

    private sealed record Candidate(string Key, SongRef Song, CharacterCounts Counts);
}
