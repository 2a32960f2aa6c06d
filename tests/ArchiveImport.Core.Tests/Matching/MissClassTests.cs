using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

/// <summary>
/// One test per class of titles the bare song list used to miss (issue 10), with titles written for these tests, and
/// for each class the titles that must still not match automatically.
/// </summary>
public sealed class MissClassTests
{
    private static readonly TrackMatcher Matcher = new(new ArtistConfig(
        "Class Band",
        "ClassBand",
        [
            Song("sugaree", "Sugaree"),
            Song("jack-straw", "Jack Straw"),
            Song("stella-blue", "Stella Blue"),
            Song("shakedown-street", "Shakedown Street"),
            Song("love-light", "Turn On Your Love Light"),
            Song("goodnight", "And We Bid You Goodnight"),
            Song("dancing", "Dancing in the Street"),
            Song("sin", "I Know It's a Sin"),
            Song("minglewood", "All New Minglewood Blues"),
            Song("midnight-hour", "In the Midnight Hour"),
            Song("china-cat", "China Cat Sunflower"),
            Song("big-river", "Big River"),
            Song("river-deep", "River Deep Mountain High"),
            Song("morning-dew", "Morning Dew"),
            Song("schoolgirl", "Good Morning Little Schoolgirl"),
            Song("tennessee-jed", "Tennessee Jed"),
            Song("us-blues", "U.S. Blues"),
            Song("viola-lee", "Viola Lee Blues"),
            Song("bird-song", "Bird Song"),
            Song("cumberland", "Cumberland Blues"),
            Song("cold-rain", "Cold Rain and Snow"),
            Song("rain-and-snow-blues", "Rain and Snow Blues"),
            Song("sweet-little-angel", "Sweet Little Angel"),
            Song("little-anger", "Little Anger"),
            Song("set-me-free", "Set Me Free"),
            Song("e-bow", "E-Bow the Letter"),
            Song("man-smart", "Man Smart (Woman Smarter)"),
            Song("playing", "Playing in the Band"),
        ],
        [],
        "class-band.yaml"));

    [Theory]
    [InlineData("Stellablue", "stella-blue")]
    [InlineData("Shake Down Street", "shakedown-street")]
    [InlineData("Turn On Your Lovelight", "love-light")]
    [InlineData("And We Bid You Good Night", "goodnight")]
    [InlineData("Birdsong", "bird-song")]
    [InlineData("Dancin' in the Streets", "dancing")]
    [InlineData("Jackstraw >", "jack-straw")]
    public void Compound_words_together_or_apart_match(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("Sug..aree", "sugaree")]
    [InlineData("Jack Str//aw", "jack-straw")]
    [InlineData("Stel//la Blue ->", "stella-blue")]
    [InlineData("Tennes..see Jed", "tennessee-jed")]
    [InlineData("Cumber|land Blues", "cumberland")]
    public void Punctuation_inside_a_word_matches(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("Disc2-Sugaree", "sugaree")]
    [InlineData("disc 2 - Jack Straw", "jack-straw")]
    [InlineData("CD1 Bird Song", "bird-song")]
    [InlineData("d1t03.Morning Dew", "morning-dew")]
    [InlineData("d1t03Morning Dew", "morning-dew")]
    [InlineData("**E: U.S. Blues", "us-blues")]
    [InlineData("*E:Sugaree", "sugaree")]
    [InlineData("^Set 2: Stella Blue", "stella-blue")]
    [InlineData("s2t07-Tennessee Jed", "tennessee-jed")]
    [InlineData("E-Bow the Letter", "e-bow")]
    [InlineData("Set Me Free", "set-me-free")]
    public void Disc_track_and_set_prefixes_glued_to_the_title_are_removed(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("Sugaree reprise", "sugaree")]
    [InlineData("Jack Straw tease", "jack-straw")]
    [InlineData("Morning Dew aborted", "morning-dew")]
    [InlineData("Morning Dew (aborted)", "morning-dew")]
    [InlineData("Stella Blue set break", "stella-blue")]
    [InlineData("Bird Song - tape flip", "bird-song")]
    [InlineData("Tennessee Jed mono", "tennessee-jed")]
    [InlineData("Cumberland Blues jam partial", "cumberland")]
    [InlineData("Viola Lee Blues #3 verses 1 & 2 ; jam ; tape cuts", "viola-lee")]
    [InlineData("Big River w/ horns", "big-river")]
    [InlineData("Sugaree; Jerry's string breaks", "sugaree")]
    public void Trailing_performance_notes_are_not_part_of_the_song(string raw, string key) => AssertMatch(raw, MatchMethod.Exact, key);

    [Theory]
    [InlineData("It's a Sin", "sin")]
    [InlineData("Minglewood Blues", "minglewood")]
    [InlineData("New Minglewood Blues ->", "minglewood")]
    [InlineData("Midnight Hour", "midnight-hour")]
    [InlineData("Morning Little Schoolgirl", "schoolgirl")]
    public void Leading_words_dropped_match_when_one_song_holds_them_and_nothing_else_fits(string raw, string key) =>
        AssertMatch(raw, MatchMethod.Partial, key);

    [Theory]
    [InlineData("Little Angel", "sweet-little-angel")] // one edit from "Little Anger": the evidence disagrees
    [InlineData("China Cat", "china-cat")] // trailing words dropped: a nickname as often as not
    public void Word_runs_that_are_not_conclusive_are_the_first_suggestion(string raw, string key)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Null(segment.Song);
        Assert.Contains(segment.Suggestions, suggestion => suggestion.Song.Key == key && suggestion.Basis == SuggestionBasis.Words);
    }

    [Theory]
    [InlineData("River")] // two songs hold it, and one word says too little
    [InlineData("Blues")]
    [InlineData("Street")]
    [InlineData("Stella")]
    [InlineData("Sug..ar")]
    [InlineData("Jack Straw from Wichita")] // more words, but no note among them
    [InlineData("Morning Dew Drops")]
    [InlineData("Women Are Smarter")] // a nickname: an alias for a person to add
    [InlineData("Playin'")]
    [InlineData("River Jam")]
    [InlineData("Disco Inferno")]
    [InlineData("Set Me Loose")]
    [InlineData("Rain and Snow")] // the end of one name and the start of another
    public void Titles_that_are_not_the_song_do_not_match(string raw)
    {
        var segment = Assert.Single(Matcher.Match(raw).Segments);

        Assert.Null(segment.Song);
    }

    private static void AssertMatch(string raw, MatchMethod method, string key)
    {
        var segment = Matcher.Match(raw).Segments[0];

        Assert.Equal((method, key), (segment.Method, segment.Song?.Key));
    }

    private static SongDefinition Song(string key, string name) => new(key, name, []);
}
