using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// A song proposed from track titles: <see cref="Key"/> and <see cref="Name"/> as they would go into
/// the artist file, how many track segments named it, and the other spellings seen for it.
/// </summary>
public sealed record SongCandidate(string Key, string Name, int Occurrences, IReadOnlyList<string> Variants);

/// <summary>
/// Bootstraps an artist's song list from the titles in downloaded metadata
/// (<c>New-ArchiveArtistConfig -FromMetadata</c>), for a person to curate: titles are split into
/// songs, spellings that sound alike are grouped, and each group becomes one proposed song.
/// </summary>
public static partial class ArtistConfigBootstrapper
{
    private const int CommentColumnLimit = 40;

    private static readonly SearchValues<char> NonWordCharacters = SearchValues.Create(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    /// <summary>
    /// Proposes songs from raw track titles (one per track occurrence).
    /// </summary>
    /// <remarks>
    /// Each title is split with <paramref name="splitSegments"/>; each segment is normalised with
    /// <paramref name="normalize"/>, skipped when that leaves nothing or <paramref name="isNonSong"/>
    /// says so (it is given the normalised text), and grouped by <paramref name="phoneticKey"/> of the
    /// normalised text (by the normalised text itself when the phonetic key is empty). A segment's
    /// spelling is its text cleaned: whitespace collapsed, disc/track prefixes and trailing timings
    /// removed, trimmed. In a group, the most frequent spelling (the first seen on a tie) is the
    /// <see cref="SongCandidate.Name"/>; spellings that normalise differently from it are the
    /// <see cref="SongCandidate.Variants"/>, one per normalised form (its most frequent spelling), most
    /// frequent first; spellings that differ only in case or punctuation are not listed, as the matcher
    /// needs no alias for them. <see cref="SongCandidate.Key"/> is the slug of the name, made unique
    /// with -2, -3… in rank order. Songs seen fewer than <paramref name="minOccurrences"/> times are
    /// left out; the rest are ranked by occurrences, most first, then by name.
    /// </remarks>
    public static IReadOnlyList<SongCandidate> Propose(
        IEnumerable<string> titles,
        Func<string, string> normalize,
        Func<string, (IReadOnlyList<string> Segments, bool Segue)> splitSegments,
        Func<string, string> phoneticKey,
        Func<string, bool> isNonSong,
        int minOccurrences = 1)
    {
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(normalize);
        ArgumentNullException.ThrowIfNull(splitSegments);
        ArgumentNullException.ThrowIfNull(phoneticKey);
        ArgumentNullException.ThrowIfNull(isNonSong);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOccurrences, 1);

        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var order = 0;
        foreach (var title in titles)
        {
            if (string.IsNullOrWhiteSpace(title))
            {
                continue;
            }

            foreach (var segment in splitSegments(title).Segments)
            {
                var spelling = Clean(segment);
                var normalized = spelling.Length == 0 ? string.Empty : normalize(segment);
                if (normalized.Length == 0 || isNonSong(normalized))
                {
                    continue;
                }

                var phonetic = phoneticKey(normalized);
                var groupKey = phonetic.Length > 0 ? "p:" + phonetic : "n:" + normalized;
                if (!groups.TryGetValue(groupKey, out var group))
                {
                    groups.Add(groupKey, group = new Group());
                }

                group.Add(spelling, normalized, order++);
            }
        }

        var ranked = groups.Values
            .Where(group => group.Occurrences >= minOccurrences)
            .Select(group => group.Summarize())
            .OrderByDescending(song => song.Occurrences)
            .ThenBy(song => song.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(song => song.Name, StringComparer.Ordinal)
            .ToList();
        return AssignKeys(ranked);
    }

    /// <summary>
    /// Renders an artist file in the shipped format: a header saying it was generated from
    /// <paramref name="showCount"/> shows on <paramref name="generatedOn"/> and must be curated, then
    /// name, collection and the songs, each with a <c># seen N times</c> comment and its variants as
    /// a commented-out <c># aliases: [..]</c> line that a curator uncomments to opt in.
    /// </summary>
    public static string ToYaml(string artistName, string collection, IReadOnlyList<SongCandidate> songs, int showCount, DateOnly generatedOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artistName);
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentNullException.ThrowIfNull(songs);
        ArgumentOutOfRangeException.ThrowIfNegative(showCount);
        collection = collection.Trim();
        if (!collection.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"'{collection}' is not an archive.org collection identifier.", nameof(collection));
        }

        var name = CollapseWhitespace(artistName);
        var yaml = new StringBuilder();
        var date = generatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yaml.Append("# ").Append(name).Append(": songs GENERATED from the track titles of ").Append(Count(showCount, "show"))
            .Append(" on ").Append(date).Append(".\n")
            .Append("# CURATE BEFORE USE: merge songs that are one song, correct the names, delete what is not a song\n")
            .Append("# (or move it to an 'ignore:' list). 'seen N times' counts the track titles that named the song.\n")
            .Append("# Other spellings seen are on a '# aliases: [..]' line: uncomment it and keep only real alternative\n")
            .Append("# names of that song (an alias must not be another song's name).\n")
            .Append('\n')
            .Append("name: ").Append(YamlScalarFormatter.Format(name)).Append('\n')
            .Append("collection: ").Append(YamlScalarFormatter.Format(collection)).Append("   # archive.org collection identifier\n")
            .Append('\n');

        if (songs.Count == 0)
        {
            return yaml.Append("tracks: []   # no songs were found in the titles\n").ToString();
        }

        var keyLines = songs.Select(song => "  - key: " + YamlScalarFormatter.Format(song.Key)).ToList();
        // Comments line up after the longest key, unless that key is unusually long.
        var commentColumn = keyLines.Select(line => line.Length).Where(length => length <= CommentColumnLimit).DefaultIfEmpty(0).Max() + 2;
        yaml.Append("tracks:\n");
        for (var i = 0; i < songs.Count; i++)
        {
            var song = songs[i];
            // A comment needs a space before its '#'; long keys get two and give up the alignment.
            var keyLine = keyLines[i].Length + 2 > commentColumn ? keyLines[i] + "  " : keyLines[i].PadRight(commentColumn);
            yaml.Append(keyLine).Append("# seen ").Append(Count(song.Occurrences, "time")).Append('\n')
                .Append("    name: ").Append(YamlScalarFormatter.Format(song.Name)).Append('\n');
            if (song.Variants.Count > 0)
            {
                yaml.Append("    # aliases: [").Append(string.Join(", ", song.Variants.Select(YamlScalarFormatter.Format))).Append("]\n");
            }
        }

        return yaml.ToString();
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>The segment as a person would write it: one line, no track number or timing, trimmed.</summary>
    private static string Clean(string segment)
    {
        var text = CollapseWhitespace(segment);
        var stripped = PositionalMarkers.Strip(text).Trim();
        if (stripped.IsEmpty || !stripped.ContainsAnyExcept(NonWordCharacters) || !text.AsSpan().Overlaps(stripped, out var start))
        {
            return text;
        }

        // A bare number right before the words ("8 Cylinders", "05 8 Cylinders") is more likely part of
        // the name than a track number, which is usually padded or punctuated ("05 ", "5. "). When it was
        // a track number after all, the spellings of other shows outvote it for the name.
        var bareNumber = BareNumberBefore().Match(text, 0, start);
        return (bareNumber.Success ? text.AsSpan(bareNumber.Index, start - bareNumber.Index).ToString() : string.Empty) + stripped.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static List<SongCandidate> AssignKeys(List<Proposal> ranked)
    {
        var slugs = ranked.Select(song => ArtistConfigStore.Slug(song.Name) is { Length: > 0 } slug ? slug : "song").ToList();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var wantedLater = slugs.GroupBy(slug => slug, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
        var candidates = new List<SongCandidate>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var key = slugs[i];
            wantedLater[key]--;

            // A suffixed key must not take the plain slug of a later song (one named "Dark Star 2").
            for (var n = 2; taken.Contains(key) || (n > 2 && wantedLater.GetValueOrDefault(key) > 0); n++)
            {
                key = $"{slugs[i]}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            taken.Add(key);
            candidates.Add(new SongCandidate(key, ranked[i].Name, ranked[i].Occurrences, ranked[i].Variants));
        }

        return candidates;
    }

    [GeneratedRegex(@"(?<=^|\s)[1-9][0-9]?\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumberBefore();

    private sealed record Proposal(string Name, int Occurrences, IReadOnlyList<string> Variants);

    /// <summary>The segments that share a phonetic key: how often each spelling and each normalised form was seen.</summary>
    private sealed class Group
    {
        private readonly Dictionary<string, Spelling> spellings = new(StringComparer.Ordinal);

        public int Occurrences { get; private set; }

        public void Add(string spelling, string normalized, int order)
        {
            Occurrences++;
            if (!spellings.TryGetValue(spelling, out var seen))
            {
                spellings.Add(spelling, seen = new Spelling(spelling, normalized, order));
            }

            seen.Count++;
        }

        public Proposal Summarize()
        {
            var name = spellings.Values.OrderByDescending(spelling => spelling.Count).ThenBy(spelling => spelling.FirstSeen).First();
            var variants = spellings.Values
                .Where(spelling => spelling.Normalized != name.Normalized)
                .GroupBy(spelling => spelling.Normalized, StringComparer.Ordinal)
                .Select(form => (
                    Count: form.Sum(spelling => spelling.Count),
                    Best: form.OrderByDescending(spelling => spelling.Count).ThenBy(spelling => spelling.FirstSeen).First()))
                .OrderByDescending(form => form.Count)
                .ThenBy(form => form.Best.FirstSeen)
                .Select(form => form.Best.Text)
                .ToList();
            return new Proposal(name.Text, Occurrences, variants);
        }
    }

    private sealed class Spelling(string text, string normalized, int firstSeen)
    {
        public string Text { get; } = text;

        public string Normalized { get; } = normalized;

        public int FirstSeen { get; } = firstSeen;

        public int Count { get; set; }
    }
}
