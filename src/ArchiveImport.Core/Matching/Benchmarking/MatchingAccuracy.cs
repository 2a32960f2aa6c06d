using System.Globalization;
namespace ArchiveImport.Core.Matching.Benchmarking;

/// <summary>A raw title labelled by hand: the song it is (or <see cref="MatchingAccuracy.NoSong"/>) and the class of title it is.</summary>
public sealed record LabelledTitle(string Artist, string Raw, string Expected, string Class);

/// <summary>How the matcher did on one class of titles. An automatic match is any segment given a song.</summary>
public sealed record ClassScore(string Class, int Titles, int Songs, int Automatic, int Correct)
{
    public double Precision => Automatic == 0 ? 1 : (double)Correct / Automatic;

    public double Recall => Songs == 0 ? 1 : (double)Correct / Songs;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Class} | {Titles} | {Songs} | {Automatic} | {Correct} | {Precision:P1} | {Recall:P1} |");
}

/// <summary>Every class's score, the total, and the titles that went wrong, for a report.</summary>
public sealed record AccuracyReport(IReadOnlyList<ClassScore> Classes, ClassScore Total, IReadOnlyList<string> Wrong, IReadOnlyList<string> Missed);

/// <summary>
/// Scores the matcher from the bare song list (no aliases) against the labelled titles of tests/fixtures/matching
/// (the folder is passed in: the files are test fixtures, never shipped): the Grateful Dead set it was tuned on and the
/// held-out set it was not (see SOURCES.md there).
/// </summary>
public sealed class MatchingAccuracy(string fixtureDirectory)
{
    public const string NoSong = "NONE";

    private const string MatchedBefore = "plain";

    /// <summary>The labelled Grateful Dead titles, judgment calls left out; a title the classes file does not name is "plain".</summary>
    public IReadOnlyList<LabelledTitle> GratefulDead()
    {
        var ambiguous = File.ReadAllLines(Path.Combine(fixtureDirectory, "grateful-dead-ambiguous.txt")).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal);
        var classes = Rows("grateful-dead-classes.tsv").ToDictionary(row => row[0], row => row[1], StringComparer.Ordinal);
        return Rows("grateful-dead-labeled.tsv")
            .Where(row => !ambiguous.Contains(row[0]))
            .Select(row => new LabelledTitle("Grateful Dead", row[0], row[1], classes.GetValueOrDefault(row[0], MatchedBefore)))
            .ToList();
    }

    public IReadOnlyList<string> GratefulDeadSongs() =>
        File.ReadAllLines(Path.Combine(fixtureDirectory, "grateful-dead-songs.txt")).Where(line => line.Length > 0).ToList();

    public IReadOnlyList<LabelledTitle> HeldOut() =>
        Rows("held-out-labeled.tsv").Select(row => new LabelledTitle(row[0], row[1], row[2], row[3])).ToList();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> HeldOutSongs() =>
        Rows("held-out-songs.tsv").GroupBy(row => row[0], row => row[1], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)group.ToList(), StringComparer.Ordinal);

    /// <summary>A matcher built from nothing but song names: no aliases, no ignore list.</summary>
    public static TrackMatcher BareMatcher(string artist, IEnumerable<string> songs) =>
        new(new ArtistConfig(artist, artist, songs.Select((name, i) => new SongDefinition($"song-{i}", name, [])).ToList(), [], $"{artist}.yaml"));

    /// <summary>Scores each title by its first segment (a multi-song title is labelled with its first song).</summary>
    public static AccuracyReport Evaluate(IEnumerable<LabelledTitle> titles, Func<string, TrackMatcher> matcherFor)
    {
        var wrong = new List<string>();
        var missed = new List<string>();
        var tallies = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            var first = matcherFor(title.Artist).Match(title.Raw).Segments.FirstOrDefault();
            var tally = tallies.TryGetValue(title.Class, out var found) ? found : tallies[title.Class] = new int[4];
            var isSong = title.Expected != NoSong;
            tally[0]++;
            tally[1] += isSong ? 1 : 0;
            if (first?.Song is { } song)
            {
                tally[2]++;
                if (song.Name == title.Expected)
                {
                    tally[3]++;
                }
                else
                {
                    wrong.Add($"{title.Class}: {title.Raw} → {song.Name} ({first.Method}), expected {title.Expected}");
                }
            }
            else if (isSong)
            {
                var suggestion = first?.Suggestions.FirstOrDefault();
                missed.Add($"{title.Class}: {title.Raw} → {first?.Method.ToString() ?? "no segment"}" +
                    $"{(suggestion is null ? "" : $", first suggestion {suggestion.Song.Name} ({suggestion.Basis})")}; expected {title.Expected}");
            }
        }

        var classes = tallies.Select(pair => new ClassScore(pair.Key, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3])).ToList();
        var total = new ClassScore("all", classes.Sum(c => c.Titles), classes.Sum(c => c.Songs), classes.Sum(c => c.Automatic), classes.Sum(c => c.Correct));
        return new AccuracyReport(classes, total, wrong, missed);
    }

    /// <summary>The Grateful Dead and held-out reports as Markdown tables, with every wrong and missed title.</summary>
    public IEnumerable<string> Report()
    {
        var gratefulDead = BareMatcher("Grateful Dead", GratefulDeadSongs());
        var heldOutMatchers = HeldOutSongs().ToDictionary(pair => pair.Key, pair => BareMatcher(pair.Key, pair.Value), StringComparer.Ordinal);
        foreach (var (name, report) in new[]
        {
            ("Grateful Dead, labelled (tuned on)", Evaluate(GratefulDead(), _ => gratefulDead)),
            ("held out (never tuned on)", Evaluate(HeldOut(), artist => heldOutMatchers[artist])),
        })
        {
            yield return $"{name}, bare song list:";
            yield return "| class | titles | songs | automatic | correct | precision | recall |";
            yield return "|---|---:|---:|---:|---:|---:|---:|";
            foreach (var score in report.Classes.Append(report.Total))
            {
                yield return score.ToString();
            }

            yield return $"wrong ({report.Wrong.Count}):";
            foreach (var line in report.Wrong)
            {
                yield return "  " + line;
            }

            yield return $"missed ({report.Missed.Count}):";
            foreach (var line in report.Missed)
            {
                yield return "  " + line;
            }

            yield return "";
        }
    }

    private IEnumerable<string[]> Rows(string fileName) =>
        File.ReadAllLines(Path.Combine(fixtureDirectory, fileName)).Skip(1).Where(line => line.Length > 0).Select(line => line.Split('\t'));
}
