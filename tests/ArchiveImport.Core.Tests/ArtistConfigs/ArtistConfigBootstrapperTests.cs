using System.Text.RegularExpressions;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

public sealed class ArtistConfigBootstrapperTests : IDisposable
{
    private static readonly DateOnly GeneratedOn = new(2024, 5, 1);

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Segments_are_grouped_by_phonetic_key_and_ranked_by_occurrences_then_name()
    {
        string[] titles =
        [
            "Dark Star", "Dark Star > St Stephen", "dark star", "Darkstar", "Tuning", "St. Stephen >",
            "Eyes", "China Cat", "Dark Star", "Crowd", "  ",
        ];

        var songs = Simple(titles);

        Assert.Equal(
            [("dark-star", "Dark Star", 5), ("st-stephen", "St Stephen", 2), ("china-cat", "China Cat", 1), ("eyes", "Eyes", 1)],
            songs.Select(song => (song.Key, song.Name, song.Occurrences)));
    }

    [Fact]
    public void Spellings_that_normalise_differently_are_variants_and_case_only_differences_are_not()
    {
        var songs = Simple(["Dark Star", "dark star", "Darkstar", "Dark Star", "DARK-STAR", "darkstar", "Dark  Star", "Dark Starr"]);

        var song = Assert.Single(songs, candidate => candidate.Key == "dark-star");
        Assert.Equal("Dark Star", song.Name);
        Assert.Equal(7, song.Occurrences);

        // "darkstar" twice (as "Darkstar" first), "DARK-STAR" and "Dark  Star" fold to "dark star" like the name.
        Assert.Equal(["Darkstar"], song.Variants);
        Assert.Equal("Dark Starr", Assert.Single(songs, other => other.Key == "dark-starr").Name);
    }

    [Fact]
    public void The_most_frequent_spelling_is_the_name_and_the_first_seen_wins_a_tie()
    {
        var frequent = Simple(["sugar magnolia", "Sugar Magnolia", "Sugar Magnolia", "Sugar-Magnolia"]);
        var tie = Simple(["St. Stephen", "St Stephen"]);

        Assert.Equal("Sugar Magnolia", Assert.Single(frequent).Name);
        Assert.Equal("St. Stephen", Assert.Single(tie).Name);
    }

    [Fact]
    public void Variants_are_ordered_by_how_often_their_form_was_seen()
    {
        // Phonetic key "sugaree" for all; three normalised forms besides the name's.
        var songs = Simple(["Sugaree", "Sugaree", "Sugaree", "Suga Ree", "Sug Aree", "Sug Aree", "Su Garee"]);

        Assert.Equal(["Sug Aree", "Suga Ree", "Su Garee"], Assert.Single(songs).Variants);
    }

    [Fact]
    public void Rare_songs_are_left_out_by_min_occurrences()
    {
        var songs = Simple(["Dark Star", "Dark Star > St Stephen", "Eyes"], minOccurrences: 2);

        Assert.Equal(["dark-star"], songs.Select(song => song.Key));
        Assert.Throws<ArgumentOutOfRangeException>(() => Simple(["Eyes"], minOccurrences: 0));
    }

    [Fact]
    public void Keys_are_made_unique_in_rank_order_without_taking_a_later_songs_plain_slug()
    {
        // Letters-only phonetic keys keep these apart, but their slugs collide.
        var songs = Simple(["Rock & Roll", "Rock & Roll", "Rock & Roll", "Rock and Roll", "Rock and Roll", "Röck and Roll 2", "Песня"]);

        Assert.Equal(
            [("rock-and-roll", "Rock & Roll"), ("rock-and-roll-3", "Rock and Roll"), ("rock-and-roll-2", "Röck and Roll 2"), ("song", "Песня")],
            songs.Select(song => (song.Key, song.Name)));
    }

    [Fact]
    public void Titles_without_a_phonetic_key_are_grouped_by_their_normalised_text()
    {
        var songs = Simple(["1999", "1999", "2001", "#!"]);

        Assert.Equal([("1999", 2), ("2001", 1)], songs.Select(song => (song.Key, song.Occurrences)));
    }

    [Fact]
    public void Track_prefixes_timings_and_segue_marks_are_not_part_of_the_name()
    {
        var songs = Real(
        [
            "d1t01 - Dark Star", "05 Dark Star ->", "Dark Star 12:34", "gd1970-02-14s2t05 Dark Star >",
            "8 Cylinders", "05 8 Cylinders", "Set II: Eyes of the World", "02. Eyes of the World",
            "tuning", "Crowd & Tuning",
        ]);

        Assert.Equal(
            [("dark-star", "Dark Star", 4), ("8-cylinders", "8 Cylinders", 2), ("eyes-of-the-world", "Eyes of the World", 2)],
            songs.Select(song => (song.Key, song.Name, song.Occurrences)));
        Assert.All(songs, song => Assert.Empty(song.Variants));
    }

    [Fact]
    public void Rendered_yaml_has_a_header_counts_and_commented_out_aliases()
    {
        SongCandidate[] songs =
        [
            new("dark-star", "Dark Star", 12, ["Darkstar", "Dark Star Jam"]),
            new("blue-yodel-9", "Blue Yodel #9", 1, []),
            new("1999", "1999", 2, ["Nineteen: Ninety-Nine"]),
        ];

        var yaml = ArtistConfigBootstrapper.ToYaml("Grateful Dead", "GratefulDead", songs, 2, GeneratedOn);

        var lines = yaml.Split('\n');
        Assert.Equal("# Grateful Dead: songs GENERATED from the track titles of 2 shows on 2024-05-01.", lines[0]);
        Assert.Contains("CURATE BEFORE USE", yaml, StringComparison.Ordinal);
        Assert.Equal(
            [
                "name: Grateful Dead",
                "collection: GratefulDead   # archive.org collection identifier",
                "",
                "tracks:",
                "  - key: dark-star     # seen 12 times",
                "    name: Dark Star",
                "    # aliases: [Darkstar, Dark Star Jam]",
                "  - key: blue-yodel-9  # seen 1 time",
                "    name: \"Blue Yodel #9\"",
                "  - key: \"1999\"        # seen 2 times",
                "    name: \"1999\"",
                "    # aliases: [\"Nineteen: Ninety-Nine\"]",
                "",
            ],
            lines.SkipWhile(line => !line.StartsWith("name:", StringComparison.Ordinal)));
        Assert.All(lines.TakeWhile(line => line.Length > 0), line => Assert.StartsWith("# ", line, StringComparison.Ordinal));

        var config = ArtistConfigStore.Load(directory.Write("grateful-dead.yaml", yaml));
        Assert.Equal(("Grateful Dead", "GratefulDead"), (config.Name, config.Collection));
        Assert.Equal(songs.Select(song => (song.Key, song.Name)), config.Songs.Select(song => (song.Key, song.Name)));
        Assert.All(config.Songs, song => Assert.Empty(song.Aliases));
    }

    [Fact]
    public void Proposed_songs_render_to_a_config_that_loads_and_whose_aliases_load_once_uncommented()
    {
        string[] titles =
        [
            "d1t01 - Dark Star >", "Darkstar", "Dark Star", "Blue Yodel #9", "Help on the Way > Slipknot! >",
            "Franklin's Tower", "Franklins Tower", "Tuning", "Drums > Space", "U.S. Blues", "Say \"Hi\": Again",
            "Sugar Magnolia > Sunshine Daydream", "Rock & Roll", "Rock and Roll", "1999",
            "A Really Quite Extraordinarily Long Song Title That Goes On And On Forever",
        ];
        var songs = Real(titles);

        var yaml = ArtistConfigBootstrapper.ToYaml("The Band: Live", "TheBand", songs, 3, GeneratedOn);
        var config = ArtistConfigStore.Load(directory.Write("the-band.yaml", yaml));

        Assert.Equal("The Band: Live", config.Name);
        Assert.Equal(songs.Select(song => (song.Key, song.Name)), config.Songs.Select(song => (song.Key, song.Name)));
        Assert.Contains(("dark-star", "Dark Star", 3), songs.Select(song => (song.Key, song.Name, song.Occurrences)));
        Assert.Equal(["Darkstar"], songs.Single(song => song.Key == "dark-star").Variants);
        Assert.DoesNotContain(songs, song => song.Name == "Tuning");

        var uncommented = ArtistConfigStore.Load(directory.Write("uncommented.yaml", yaml.Replace("    # aliases:", "    aliases:", StringComparison.Ordinal)));
        Assert.Equal(songs.Select(song => song.Variants), uncommented.Songs.Select(song => song.Aliases));
    }

    [Fact]
    public void No_songs_still_render_a_config_that_loads()
    {
        var yaml = ArtistConfigBootstrapper.ToYaml("Lettuce", "Lettuce", [], 1, GeneratedOn);

        Assert.Contains("from the track titles of 1 show on 2024-05-01.", yaml, StringComparison.Ordinal);
        Assert.Empty(ArtistConfigStore.Load(directory.Write("lettuce.yaml", yaml)).Songs);
        Assert.Throws<ArgumentException>(() => ArtistConfigBootstrapper.ToYaml("Lettuce", "not an identifier", [], 1, GeneratedOn));
    }

    private static IReadOnlyList<SongCandidate> Simple(IEnumerable<string> titles, int minOccurrences = 1) =>
        ArtistConfigBootstrapper.Propose(titles, SimpleNormalize, SplitOnArrows, LettersOnly, text => text is "tuning" or "crowd", minOccurrences);

    private static IReadOnlyList<SongCandidate> Real(IEnumerable<string> titles)
    {
        var nonSongs = new NonSongFilter([], _ => false);
        return ArtistConfigBootstrapper.Propose(titles, TitleNormalizer.Normalize,
            title => (TitleNormalizer.SplitSegments(title, out var segue), segue), LettersOnly, nonSongs.IsNonSong);
    }

    // Lower case, runs of anything but letters and digits as one space.
    private static string SimpleNormalize(string text) =>
        Regex.Replace(text.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+", " ").Trim();

    private static (IReadOnlyList<string> Segments, bool Segue) SplitOnArrows(string title) =>
        (title.Split('>').Select(part => part.Trim()).Where(part => part.Length > 0).ToList(), title.TrimEnd().EndsWith('>'));

    private static string LettersOnly(string text) => string.Concat(text.Where(char.IsLetter).Select(char.ToLowerInvariant));
}
