using System.Collections.Frozen;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Proposes the song an unmatched title most likely is, from the matcher's own suggestions (word runs, spelling, sound)
/// and, where it has none, from the artist's song names: their initials and the telling words a title shares with
/// exactly one of them. A proposal is for a person to accept as an alias; nothing here matches automatically.
/// </summary>
public sealed class AliasProposer
{
    // Words too common in song names to tell one from another.
    private static readonly FrozenSet<string> CommonWords = new[]
    {
        "a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "out", "up", "down",
        "i", "im", "ive", "me", "my", "you", "your", "we", "he", "she", "it", "its", "is", "be", "been", "this", "that",
        "no", "not", "all", "so", "do", "dont", "aint", "song", "blues", "jam", "reprise", "theme", "part",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const int MinimumInitials = 3;

    private readonly TrackMatcher matcher;
    private readonly IReadOnlyList<(SongRef Song, string Name)> songs;
    private readonly Dictionary<string, List<SongRef>> songsByWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SongRef>> songsByInitials = new(StringComparer.Ordinal);

    public AliasProposer(ArtistConfig config, TrackMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(config);
        this.matcher = matcher;
        songs = config.Songs.Select(song => (new SongRef(song.Key, song.Name), TitleNormalizer.Normalize(song.Name))).ToList();
        foreach (var (song, _) in songs)
        {
            // With its bracketed part: "Man Smart (Woman Smarter)" is known by the words in the brackets too.
            var words = TitleNormalizer.Normalize(song.Name, NormalizeOptions.None).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words.Where(IsTelling).Select(Singular).Distinct(StringComparer.Ordinal))
            {
                Add(songsByWord, word, song);
            }

            if (words.Length >= MinimumInitials)
            {
                Add(songsByInitials, new string(words.Select(word => word[0]).ToArray()), song);
            }
        }
    }

    /// <summary>The likeliest song for an unmatched title, or null when it already matches or nothing points anywhere.</summary>
    public AliasProposal? Propose(string rawTitle)
    {
        var segment = matcher.Match(rawTitle).Segments.FirstOrDefault();
        if (segment is null || segment.Song is not null || segment.Method == MatchMethod.Ignored)
        {
            return null;
        }

        if (segment.Method == MatchMethod.Ambiguous && segment.Suggestions.Count > 0)
        {
            var names = string.Join(", ", segment.Suggestions.Select(s => $"'{s.Song.Name}'"));
            return new AliasProposal(segment.Suggestions[0].Song, AliasKind.Ambiguous, $"sounds like {names}: pick the right one");
        }

        var title = segment.NormalizedText;
        if (segment.Suggestions.Count > 0)
        {
            return FromSuggestion(title, segment.Suggestions[0]);
        }

        return FromInitials(title) ?? FromTellingWords(title);
    }

    private AliasProposal FromSuggestion(string title, SongSuggestion best)
    {
        var name = songs.First(song => song.Song.Key == best.Song.Key).Name;
        return best.Basis switch
        {
            SuggestionBasis.Words when name.EndsWith(" " + title, StringComparison.Ordinal) => new AliasProposal(best.Song, AliasKind.LeadingWordsDropped,
                $"the name without its first {Words(best.Distance)}; too short, or spelled nearly like another song, to match alone"),
            SuggestionBasis.Words => new AliasProposal(best.Song, AliasKind.TrailingWordsDropped, $"the name without its last {Words(best.Distance)}"),
            SuggestionBasis.Sound => new AliasProposal(best.Song, AliasKind.SoundsLike, $"sounds like '{best.Song.Name}'"),
            _ => new AliasProposal(best.Song, AliasKind.Misspelling, $"{Edits(best.Distance)} from '{best.Song.Name}'"),
        };
    }

    private AliasProposal? FromInitials(string title) =>
        title.Length >= MinimumInitials && !title.Contains(' ') && songsByInitials.TryGetValue(title, out var found) && found.Count == 1
            ? new AliasProposal(found[0], AliasKind.Initials, $"the initials of '{found[0].Name}'")
            : null;

    private AliasProposal? FromTellingWords(string title)
    {
        var words = PerformanceNotes.StripTrailing(title).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(IsTelling).Select(Singular).Distinct(StringComparer.Ordinal).ToList();
        var counts = new Dictionary<SongRef, List<string>>();
        foreach (var word in words)
        {
            foreach (var song in songsByWord.GetValueOrDefault(word) ?? [])
            {
                (counts.TryGetValue(song, out var shared) ? shared : counts[song] = []).Add(word);
            }
        }

        var ranked = counts.OrderByDescending(pair => pair.Value.Count).ToList();
        if (ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Value.Count == ranked[0].Value.Count))
        {
            return null;
        }

        var (candidate, sharedWords) = (ranked[0].Key, ranked[0].Value);
        return new AliasProposal(candidate, AliasKind.Nickname,
            $"shares {string.Join(", ", sharedWords.Select(w => $"'{w}'"))} with '{candidate.Name}' and with no other song as much");
    }

    private static bool IsTelling(string word) => word.Length >= 3 && !CommonWords.Contains(word);

    private static string Singular(string word) => word.Length >= 4 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;

    private static void Add(Dictionary<string, List<SongRef>> index, string key, SongRef song)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(song);
    }

    private static string Words(int count) => count == 1 ? "word" : $"{count} words";

    private static string Edits(int count) => count == 1 ? "one edit" : $"{count} edits";
}
