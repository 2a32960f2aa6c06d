using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class TitleNormalizerTests
{
    [Theory]
    [InlineData("Franklin's Tower -&gt;", "franklins tower")]
    [InlineData("Around &amp; Around", "around and around")]
    [InlineData("Don&#39;t Ease Me In", "dont ease me in")]
    [InlineData("Around &amp;amp; Around", "around and around")]
    public void Decodes_html_entities(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("Don\u00C2\u00B4t Ease Me In", "dont ease me in")]          // DonÂ´t
    [InlineData("Caf\u00C3\u00A9 Society", "cafe society")]                // CafÃ©
    [InlineData("Franklin\u00E2\u20AC\u2122s Tower", "franklins tower")]   // Franklinâ€™s
    [InlineData("Franklin\u2019s Tower", "franklins tower")]               // curly apostrophe
    [InlineData("\u201CDark Star\u201D", "dark star")]                    // curly double quotes
    [InlineData("Don\u00B4t Ease Me In", "dont ease me in")]               // acute accent as apostrophe
    public void Repairs_mojibake_and_typographic_quotes(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("d1t03 Dark Star", "dark star")]
    [InlineData("d1t03. Dark Star", "dark star")]
    [InlineData("101 Dark Star", "dark star")]
    [InlineData("01 - Dark Star", "dark star")]
    [InlineData("01. Dark Star", "dark star")]
    [InlineData("1. Dark Star", "dark star")]
    [InlineData("t05 Dark Star", "dark star")]
    [InlineData("Disc01,Track01 Hell In A Bucket", "hell in a bucket")]
    [InlineData("gd81-12-28 s2t07 Drums", "drums")]
    [InlineData("gd79-07-01 s1 t02 Franklin's Tower", "franklins tower")]
    [InlineData("gd73-06-22 t01 Bertha", "bertha")]
    [InlineData("gd1970-02-14s2t05", "")]
    [InlineData("D1T12", "")]
    [InlineData("1000 Stars", "1000 stars")]
    [InlineData("4th Street", "4th street")]
    public void Strips_disc_and_track_prefixes(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("E: Keep Your Day Job", "keep your day job")]
    [InlineData("e: Keep Your Day Job", "keep your day job")]
    [InlineData("Encore: U.S. Blues", "us blues")]
    [InlineData("Set II: Saint Stephen", "saint stephen")]
    [InlineData("Set 1 - Bertha", "bertha")]
    [InlineData("- encore break -", "encore break")]
    public void Strips_set_and_encore_markers(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("Dark Star (12:34)", "dark star")]
    [InlineData("Dark Star [12:34]", "dark star")]
    [InlineData("Dark Star 23:04", "dark star")]
    [InlineData("10:16.41| Wharf Rat", "wharf rat")]
    [InlineData("01:16] Polka Tuning", "polka tuning")]
    public void Strips_timings_and_tape_positions(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("Dark Star (partial)", "dark star")]
    [InlineData("Dark Star [cut]", "dark star")]
    [InlineData("Dark Star (incomplete)", "dark star")]
    [InlineData("Johnny B. Goode *(Audience Only)*", "johnny b goode")]
    [InlineData("Morning Dew **(MTX->AUD)", "morning dew")]
    [InlineData("(I Can't get No) Satisfaction **(2 AUD Matrix)", "satisfaction")]
    [InlineData("Man Smart (Woman Smarter)", "man smart")]
    [InlineData("[crowd]", "crowd")]
    public void Strips_bracketed_notes(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("Sugaree*", "sugaree")]
    [InlineData("Sugaree **", "sugaree")]
    [InlineData("Sugaree^", "sugaree")]
    [InlineData("Sugaree #", "sugaree")]
    [InlineData("Sugaree $ *", "sugaree")]
    [InlineData("Sugaree@", "sugaree")]
    [InlineData("/Sing Me Back Home*#", "sing me back home")]
    [InlineData("The // Promised Land", "promised land")]
    [InlineData("//St. Stephen", "saint stephen")]
    public void Strips_footnote_and_reel_flip_marks(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("DARK STAR", "dark star")]
    [InlineData("Café Señor Straße", "cafe senor strasse")]
    [InlineData("Cold Rain & Snow", "cold rain and snow")]
    [InlineData("Cold Rain and Snow", "cold rain and snow")]
    [InlineData("St. Stephen", "saint stephen")]
    [InlineData("St of Circumstance", "saint of circumstance")]
    [InlineData("Saint Stephen", "saint stephen")]
    [InlineData("Bourbon St.", "bourbon st")]
    [InlineData("Playin' in the Band", "playing in the band")]
    [InlineData("Playing in the Band", "playing in the band")]
    [InlineData("Goin\u2019 Down the Road", "going down the road")]
    [InlineData("Rock 'n' Roll", "rock and roll")]
    [InlineData("The Other One", "other one")]
    [InlineData("Other One", "other one")]
    [InlineData("The", "the")]
    public void Folds_case_diacritics_and_spelling_variants(string raw, string expected) => AssertNormalized(raw, expected);

    [Theory]
    [InlineData("I Know You, Rider", "i know you rider")]
    [InlineData("Peggy-O", "peggy o")]
    [InlineData("U.S. Blues", "us blues")]
    [InlineData("US Blues", "us blues")]
    [InlineData("C.C. Rider", "cc rider")]
    [InlineData("Slipknot!", "slipknot")]
    [InlineData("  Dark \t  Star  ", "dark star")]
    [InlineData("Viola Lee Blues01", "viola lee blues 01")]
    [InlineData("Rainy Day Women #12 & 35", "rainy day women 12 and 35")]
    [InlineData("", "")]
    [InlineData("***", "")]
    public void Collapses_punctuation_and_spaces(string raw, string expected) => AssertNormalized(raw, expected);

    [Fact]
    public void Title_and_canonical_name_meet_on_the_same_key()
    {
        Assert.Equal(TitleNormalizer.Normalize("Goin' Down the Road Feeling Bad"),
            TitleNormalizer.Normalize("gd73-06-10 d3t05 Going Down The Road Feelin' Bad ->*"));
        Assert.Equal(TitleNormalizer.Normalize("Saint of Circumstance"), TitleNormalizer.Normalize("St. Of Circumstance"));
    }

    [Fact]
    public void Long_titles_are_normalized_without_truncation()
    {
        var longTitle = string.Join(" & ", Enumerable.Repeat("St. Stephen", 200));

        var normalized = TitleNormalizer.Normalize(longTitle);

        Assert.StartsWith("saint stephen and saint stephen", normalized, StringComparison.Ordinal);
        Assert.Equal(200, normalized.Split(" and ").Length);
    }

    private static void AssertNormalized(string raw, string expected) => Assert.Equal(expected, TitleNormalizer.Normalize(raw));
}
