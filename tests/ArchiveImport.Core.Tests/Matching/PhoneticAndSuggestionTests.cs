using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Matching.Benchmarking;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class PhoneticAndSuggestionTests
{
    private static TrackMatcher Matcher(params string[] names) => new(new ArtistConfig(
        "Test", "Test", names.Select(n => new SongDefinition(ArtistConfigStore.Slug(n), n, [])).ToArray(), [], "test.yaml"));

    [Fact]
    public void A_title_that_sounds_like_several_songs_is_ambiguous_with_every_candidate_and_no_song()
    {
        // The older runbook's "Multiple metaphone matches for 'The Flu'", with names that keep their first word.
        var segment = Matcher("Night Rider", "Knight Rider", "Nite Ryder", "Dark Star").Match("Nite Rider").Segments.Single();

        Assert.Equal(MatchMethod.Ambiguous, segment.Method);
        Assert.Null(segment.Song);
        Assert.Null(segment.Suggestion); // three equally good candidates: none is "the" suggestion
        Assert.Equal(["knight-rider", "night-rider", "nite-ryder"], segment.Suggestions.Select(s => s.Song.Key).Order());
        Assert.All(segment.Suggestions, s => Assert.Equal(SuggestionBasis.Sound, s.Basis));
    }

    [Theory]
    [InlineData("Phillis", "Phyllis")]
    [InlineData("Twezer", "Tweezer")]
    [InlineData("Wharf Ratt", "Wharf Rat")]
    public void A_title_that_sounds_like_exactly_one_song_matches_phonetically(string title, string song)
    {
        var segment = Matcher("Phyllis", "Tweezer", "Wharf Rat", "Dark Star").Match(title).Segments.Single();

        Assert.Equal(MatchMethod.Phonetic, segment.Method);
        Assert.Equal(song, segment.Song?.Name);
    }

    [Fact]
    public void Short_titles_never_match_by_sound()
    {
        var segment = Matcher("Sun", "Son of a Gun").Match("Son").Segments.Single();

        Assert.NotEqual(MatchMethod.Phonetic, segment.Method);
    }

    [Fact]
    public void Suggestions_are_scored_best_first_and_say_how_they_were_found()
    {
        var segment = Matcher("Dark Star", "Dark Stars Rising", "Morning Dew").Match("Dark Stat").Segments.Single();

        Assert.Equal(MatchMethod.Unmatched, segment.Method);
        var best = segment.Suggestions[0];
        Assert.Equal("Dark Star", best.Song.Name);
        Assert.InRange(best.Score, 0.7, 0.99);
        Assert.Equal(segment.Suggestions.OrderByDescending(s => s.Score).Select(s => s.Song.Key), segment.Suggestions.Select(s => s.Song.Key));
        Assert.Equal("Dark Star", segment.Suggestion?.Name);
    }

    [Fact]
    public void Suggestions_cover_one_and_two_edits_including_transpositions_and_nothing_farther()
    {
        var matcher = Matcher("Morning Dew", "Sugar Magnolia", "China Cat Sunflower");

        Assert.Equal("Morning Dew", matcher.Match("Mornign Dew").Segments.Single().Suggestion?.Name);       // transposition
        Assert.Equal("Sugar Magnolia", matcher.Match("Suar Magnolia").Segments.Single().Suggestion?.Name);  // deletion
        Assert.Equal("China Cat Sunflower", matcher.Match("China Bat Sunflowr").Segments.Single().Suggestion?.Name); // two edits
        Assert.Empty(matcher.Match("Completely Different").Segments.Single().Suggestions);
    }

    [Fact]
    public void The_synthetic_catalogue_and_titles_are_the_same_for_the_same_seed()
    {
        var first = SyntheticCatalog.Songs(500, seed: 3);
        var second = SyntheticCatalog.Songs(500, seed: 3);
        Assert.Equal(first.Songs.Select(s => s.Name), second.Songs.Select(s => s.Name));
        Assert.Equal(500, first.Songs.Select(s => s.Key).Distinct().Count());
        Assert.Equal(SyntheticCatalog.Titles(first, 300, seed: 4), SyntheticCatalog.Titles(second, 300, seed: 4));
        Assert.NotEqual(SyntheticCatalog.Titles(first, 300, seed: 4), SyntheticCatalog.Titles(first, 300, seed: 5));
    }

    [Fact]
    public void The_benchmark_reports_every_step_and_the_total()
    {
        var steps = MatchingBenchmark.Run(tracks: 500, catalogSize: 2000);

        Assert.Equal(["Normalize", "Exact", "Alias", "Phonetic", "Suggest", "Total"], steps.Select(s => s.Method));
        Assert.Equal(500, steps[^1].Tracks);
        Assert.NotNull(steps[^1].IndexBuildMilliseconds);
        Assert.True(steps[^1].IndexBytes > 0);
        Assert.All(steps.Take(5), s => Assert.Null(s.IndexBuildMilliseconds));
    }
}
