using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Tests.ArtistConfigs;
using Xunit;
using Xunit.Abstractions;

namespace ArchiveImport.Core.Tests.Matching;

/// <summary>
/// Scores the matcher against hand-labelled raw Grateful Dead titles (see
/// tests/fixtures/matching/SOURCES.md). Judgment-call titles are left out. An automatic match
/// is an Exact or Alias segment; for multi-song titles the label is the first song.
/// </summary>
public sealed class GratefulDeadAccuracyTests(ITestOutputHelper output)
{
    private const string NoSong = "NONE";

    private static readonly ArtistConfig GratefulDead =
        new ArtistConfigStore(TestPaths.ArtistConfigDirectory).Find("Grateful Dead")!;

    [Fact]
    public void Automatic_matches_are_precise_and_shipped_aliases_lift_recall()
    {
        var score = Evaluate(new TrackMatcher(GratefulDead), "with shipped aliases");

        Assert.True(score.Precision >= 0.995, $"precision {score.Precision:P2}");
        Assert.True(score.Recall >= 0.97, $"recall {score.Recall:P2}");
    }

    [Fact]
    public void The_normaliser_alone_is_precise_and_recalls_most_titles()
    {
        var withoutAliases = GratefulDead with { Songs = GratefulDead.Songs.Select(song => song with { Aliases = [] }).ToList() };

        var score = Evaluate(new TrackMatcher(withoutAliases), "without aliases");

        Assert.True(score.Precision >= 0.995, $"precision {score.Precision:P2}");
        Assert.True(score.Recall >= 0.85, $"recall {score.Recall:P2}");
    }

    [Fact]
    public void Multi_song_titles_give_every_song_in_order()
    {
        var matcher = new TrackMatcher(GratefulDead);
        var ambiguous = AmbiguousTitles();
        var rows = ReadTsv("grateful-dead-multisong.tsv").Where(row => !ambiguous.Contains(row.Raw)).ToList();

        Assert.NotEmpty(rows);
        foreach (var (raw, expected) in rows)
        {
            var songs = matcher.Match(raw).Segments.Select(segment => segment.Song?.Name ?? "(none)");
            Assert.Equal(expected.Split(" > "), songs);
        }
    }

    private AccuracyScore Evaluate(TrackMatcher matcher, string label)
    {
        var ambiguous = AmbiguousTitles();
        var rows = ReadTsv("grateful-dead-labeled.tsv").Where(row => !ambiguous.Contains(row.Raw)).ToList();
        var wrong = new List<string>();
        var missed = new List<string>();
        int automatic = 0, correct = 0, songs = 0;
        foreach (var (raw, expected) in rows)
        {
            var first = matcher.Match(raw).Segments.FirstOrDefault();
            var matched = first?.Song;
            if (expected != NoSong)
            {
                songs++;
            }

            if (matched is not null)
            {
                automatic++;
                if (matched.Name == expected)
                {
                    correct++;
                }
                else
                {
                    wrong.Add($"  {raw}  →  {matched.Name} ({first!.Method}), expected {expected}");
                }
            }
            else if (expected != NoSong)
            {
                var detail = first is null ? "no segment" : $"{first.Method} '{first.NormalizedText}', suggestion {first.Suggestion?.Name ?? "none"}";
                missed.Add($"  {raw}  →  {detail}; expected {expected}");
            }
        }

        var score = new AccuracyScore(automatic == 0 ? 1 : (double)correct / automatic, songs == 0 ? 1 : (double)correct / songs);
        output.WriteLine($"{label}: {rows.Count} titles ({songs} songs, {rows.Count - songs} non-songs), " +
            $"{automatic} automatic matches, {correct} correct: precision {score.Precision:P2}, recall {score.Recall:P2}");
        output.WriteLine($"wrong matches ({wrong.Count}):");
        wrong.ForEach(output.WriteLine);
        output.WriteLine($"missed songs ({missed.Count}):");
        missed.ForEach(output.WriteLine);
        return score;
    }

    private static HashSet<string> AmbiguousTitles() =>
        File.ReadAllLines(TestPaths.Fixture("matching", "grateful-dead-ambiguous.txt"))
            .Where(line => line.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    private static List<(string Raw, string Expected)> ReadTsv(string fileName) =>
        File.ReadAllLines(TestPaths.Fixture("matching", fileName))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(fields => (fields[0], fields[1]))
            .ToList();

    private readonly record struct AccuracyScore(double Precision, double Recall);
}
