using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class TrackMatcherTests
{
    private static readonly TrackMatcher Matcher = new(new ArtistConfig(
        "Test Dead",
        "TestDead",
        [
            Song("dark-star", "Dark Star", "Darkstar"),
            Song("drums", "Drums"),
            Song("space", "Space"),
            Song("man-smart-woman-smarter", "Man Smart (Woman Smarter)", "Women Are Smarter"),
            Song("its-all-over-now", "It's All Over Now"),
            Song("its-all-over-now-baby-blue", "It's All Over Now (Baby Blue)"),
            Song("playing-in-the-band", "Playing in the Band", "Playin'"),
            Song("sugar-magnolia", "Sugar Magnolia", "Sugar Mag"),
            Song("gimme-some-lovin", "Gimme Some Lovin'"),
            Song("spoonful", "Spoonful"),
            Song("other-one-jam", "Other One Jam"),
            Song("other-one", "Other One"),
            Song("viola-lee-blues", "Viola Lee Blues"),
            Song("big-railroad-blues", "Big Railroad Blues"),
            Song("big-river", "Big River"),
            Song("rain", "Rain"),
            Song("main", "Main"),
            Song("eight-cylinders", "8 Cylinders"),
        ],
        ["Phil's bass lesson"],
        "test.yaml"));

    [Theory]
    [InlineData("Dark Star", "dark-star")]
    [InlineData("d2t04 DARK STAR (partial) ->", "dark-star")]
    [InlineData("The Other One", "other-one")]
    [InlineData("Man Smart (Woman Smarter)", "man-smart-woman-smarter")]
    [InlineData("Man Smart, Woman Smarter", "man-smart-woman-smarter")]
    [InlineData("Man Smart", "man-smart-woman-smarter")]
    [InlineData("It's All Over Now (Baby Blue)", "its-all-over-now-baby-blue")]
    [InlineData("It's All Over Now (incomplete)", "its-all-over-now")]
    [InlineData("Drums", "drums")]
    [InlineData("Space >", "space")]
    [InlineData("Other One Jam", "other-one-jam")]
    [InlineData("8 Cylinders", "eight-cylinders")]
    [InlineData("05 8 Cylinders", "eight-cylinders")]
    public void Exact_normalised_name_matches(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("Spoonful Jam", "spoonful")]
    [InlineData("Viola Lee Blues10", "viola-lee-blues")]
    [InlineData("Gimme Some Lovin", "gimme-some-lovin")]
    [InlineData("Gimme Some Lovin\\", "gimme-some-lovin")]
    [InlineData("Playing in the Band Reprise", "playing-in-the-band")]
    public void Deterministic_variants_match_exactly_or_not_at_all(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("Darkstar", "dark-star")]
    [InlineData("Women Are Smarter*", "man-smart-woman-smarter")]
    [InlineData("Playin' Reprise >", "playing-in-the-band")]
    [InlineData("Sugar Mag", "sugar-magnolia")]
    public void Alias_matches(string raw, string key) => AssertMatch(raw, MatchMethod.Alias, key);

    [Theory]
    [InlineData("tuning")]
    [InlineData("[crowd]")]
    [InlineData("Crowd & Tuning")]
    [InlineData("crowd/tuning and thanks")]
    [InlineData("Stage Banter")]
    [InlineData("Intro >")]
    [InlineData("Introduction")]
    [InlineData("Set Break")]
    [InlineData("- encore break -")]
    [InlineData("dead air")]
    [InlineData("00:11] tuning/dead air")]
    [InlineData("Soundcheck")]
    [InlineData("Stage Announcements")]
    [InlineData("Phil's Bass Lesson")]
    [InlineData("Bill Graham Intro")]
    [InlineData("Phil Tunings")]
    [InlineData("\"We call him Burle...\"")]
    [InlineData("A Good Thing\"")]
    public void Non_songs_are_ignored(string raw)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Equal(MatchMethod.Ignored, segment.Method);
        Assert.Null(segment.Song);
        Assert.Null(segment.Suggestion);
    }

    [Theory]
    [InlineData("Big Railraod Blues", "big-railroad-blues")]
    [InlineData("Sugar Magnolai", "sugar-magnolia")]
    [InlineData("Spunful", "spoonful")]
    public void Misspellings_that_sound_like_exactly_one_song_match_phonetically(string raw, string key)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Equal(MatchMethod.Phonetic, segment.Method);
        Assert.Equal(key, segment.Song?.Key);
    }

    [Theory]
    [InlineData("Dark Stat", "dark-star")]
    [InlineData("Big Rivet", "big-river")]
    public void Close_misspellings_that_sound_different_are_only_suggested(string raw, string key)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Equal(MatchMethod.Unmatched, segment.Method);
        Assert.Null(segment.Song);
        Assert.Equal(key, segment.Suggestion?.Key);
    }

    [Theory]
    [InlineData("Big Rivet Blues")] // too far from anything
    [InlineData("Sain")]            // one edit from both "rain" and "main"
    [InlineData("Bass Problems")]
    public void No_suggestion_when_nothing_is_close_or_two_songs_are_equally_close(string raw)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Equal(MatchMethod.Unmatched, segment.Method);
        Assert.Null(segment.Suggestion);
    }

    [Fact]
    public void A_file_stem_title_is_unmatched_without_text()
    {
        var segment = Assert.Single(Matcher.Match("gd1970-02-14s2t05").Segments);

        Assert.Equal(MatchMethod.Unmatched, segment.Method);
        Assert.Equal(string.Empty, segment.NormalizedText);
    }

    [Fact]
    public void A_key_two_songs_share_is_ambiguous()
    {
        var matcher = new TrackMatcher(new ArtistConfig("A", "A",
            [Song("caution-1", "Caution (Do Not Stop on Tracks)"), Song("caution-2", "Caution (Live Version)")], [], "a.yaml"));

        var segment = Assert.Single(matcher.Match("Caution").Segments);

        Assert.Equal(MatchMethod.Ambiguous, segment.Method);
        Assert.Null(segment.Song);
    }

    [Fact]
    public void A_full_name_outranks_another_songs_shortened_name()
    {
        var matcher = new TrackMatcher(new ArtistConfig("A", "A",
            [Song("caution-long", "Caution (Do Not Stop on Tracks)"), Song("caution", "Caution")], [], "a.yaml"));

        AssertMatch(matcher, "Caution", MatchMethod.Exact, "caution");
        AssertMatch(matcher, "Caution (Do Not Stop on Tracks)", MatchMethod.Exact, "caution-long");
    }

    [Fact]
    public void Every_segment_of_a_medley_is_matched_in_order()
    {
        var match = Matcher.Match("Dark Star > Drums -> Space ->");

        Assert.Equal("Dark Star > Drums -> Space ->", match.RawTitle);
        Assert.Equal(["dark-star", "drums", "space"], match.Segments.Select(segment => segment.Song?.Key));
        Assert.Equal(["Dark Star", "Drums", "Space"], match.Segments.Select(segment => segment.RawText));
        Assert.True(match.SeguesIntoNext);
    }

    [Fact]
    public void A_segment_keeps_its_raw_and_normalised_text()
    {
        var segment = Assert.Single(Matcher.Match("01 - DARK STAR (cut)").Segments);

        Assert.Equal(new SegmentMatch("01 - DARK STAR (cut)", "dark star", MatchMethod.Exact, new SongRef("dark-star", "Dark Star"), []), segment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_title_has_no_segments(string? raw)
    {
        var match = Matcher.Match(raw);

        Assert.Empty(match.Segments);
        Assert.False(match.SeguesIntoNext);
        Assert.Equal(raw ?? string.Empty, match.RawTitle);
    }

    [Fact]
    public void Artist_songs_are_never_ignored_even_when_the_built_in_list_names_them()
    {
        var matcher = new TrackMatcher(new ArtistConfig("A", "A", [Song("intro", "Intro"), Song("encore", "Encore")], [], "a.yaml"));

        AssertMatch(matcher, "Intro", MatchMethod.Exact, "intro");
        AssertMatch(matcher, "Encore", MatchMethod.Exact, "encore");
    }

    private static SongDefinition Song(string key, string name, params string[] aliases) => new(key, name, aliases);

    private static void AssertMatch(string raw, MatchMethod method, string key) => AssertMatch(Matcher, raw, method, key);

    private static void AssertMatch(TrackMatcher matcher, string raw, MatchMethod method, string key)
    {
        var segment = Assert.Single(matcher.Match(raw).Segments);

        Assert.Equal(method, segment.Method);
        Assert.Equal(key, segment.Song?.Key);
        Assert.Null(segment.Suggestion);
    }
}
