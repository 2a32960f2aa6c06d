using ArchiveImport.Core.ArtistConfigs;
using Xunit;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

public sealed class ArtistConfigErrorTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Valid_file_with_comments_everywhere_loads()
    {
        var path = directory.Write("commented.yaml", """
            # header comment
            name: Grateful Dead   # trailing comment
            collection: GratefulDead
            # between fields
            ignore: [tuning, crowd]   # artist-specific
            tracks:
              # before an item
              - key: dark-star        # key comment
                name: Dark Star
                aliases: [darkstar, dark star jam]  # aliases comment
              - key: st-stephen
                name: Saint Stephen
                aliases:
                  - St Stephen    # block list
            """);

        var config = ArtistConfigStore.Load(path);

        Assert.Equal("Grateful Dead", config.Name);
        Assert.Equal("GratefulDead", config.Collection);
        Assert.Equal(["tuning", "crowd"], config.Ignore);
        Assert.Equal(2, config.Songs.Count);
        Assert.Equal("dark-star", config.Songs[0].Key);
        Assert.Equal("Dark Star", config.Songs[0].Name);
        Assert.Equal(["darkstar", "dark star jam"], config.Songs[0].Aliases);
        Assert.Equal(["St Stephen"], config.Songs[1].Aliases);
        Assert.Equal(Path.GetFullPath(path), config.SourcePath);
    }

    [Fact]
    public void Optional_fields_may_be_left_out()
    {
        var path = directory.Write("minimal.yaml", """
            name: New Artist
            collection: NewArtist
            """);

        var config = ArtistConfigStore.Load(path);

        Assert.Empty(config.Songs);
        Assert.Empty(config.Ignore);
    }

    [Fact]
    public void Yaml_syntax_error_reports_the_position_from_the_parser()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: "GratefulDead
            """);

        Assert.Equal(2, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{error.FilePath}(2,13): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_indentation_is_reported_on_its_line()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
               name: Dark Star
            """);

        Assert.Equal(5, error.Line);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_where_the_parser_stops_and_names_the_opening_bracket()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
                aliases: [darkstar, dark star jam
            """);

        Assert.Equal(7, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("did not find expected ',' or ']'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the '[' or '{' at line 6, column 14 is still open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_list_that_the_parser_cannot_place_points_at_its_opening_bracket()
    {
        var error = LoadError("""
            name: [Grateful Dead
            collection: GratefulDead
            """);

        Assert.Equal(1, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("this '[' or '{' is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_name_is_reported_with_an_example()
    {
        var error = LoadError("""
            # no name here
            collection: GratefulDead
            """);

        Assert.Equal(2, error.Line);
        Assert.Contains("missing required field 'name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("name: Grateful Dead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_collection_is_reported()
    {
        var error = LoadError("""
            name: Grateful Dead
            tracks: []
            """);

        Assert.Equal(1, error.Line);
        Assert.Contains("missing required field 'collection'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_name_is_reported_where_it_is()
    {
        var error = LoadError("""
            collection: GratefulDead
            name:
            """);

        Assert.Equal(2, error.Line);
        Assert.Contains("field 'name' is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collection_must_be_an_archive_identifier()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: Grateful Dead
            """);

        Assert.Equal(2, error.Line);
        Assert.Contains("not an archive.org identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_without_key_is_reported_at_the_track()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
              - name: Saint Stephen
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("track 'Saint Stephen' has no 'key'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_without_name_is_reported_at_the_track()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                aliases: [darkstar]
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("track 'dark-star' has no 'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_name_both_lines()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
              - key: Dark-Star
                name: Dark Star Jam
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal(10, error.Column);
        Assert.Contains("duplicate track key 'Dark-Star' (first used on line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_equal_after_normalisation_are_duplicates()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: us-blues
                name: U.S. Blues
              - key: us-blues-2
                name: US Blues
            """);

        Assert.Equal(7, error.Line);
        Assert.Contains("is the same as 'U.S. Blues' on line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_that_is_another_songs_name_after_normalisation_is_rejected()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: the-other-one
                name: Other One
              - key: cryptical-envelopment
                name: Cryptical Envelopment
                aliases: [Cryptical, "The Other-One"]
            """);

        Assert.Equal(8, error.Line);
        Assert.Equal(26, error.Column);
        Assert.Contains("alias 'The Other-One' of 'Cryptical Envelopment' is the name of 'Other One' (line 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_that_is_another_songs_key_is_rejected()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: gdtrfb
                name: Goin' Down the Road Feeling Bad
              - key: not-fade-away
                name: Not Fade Away
                aliases: [GDTRFB]
            """);

        Assert.Equal(8, error.Line);
        Assert.Contains("is the key of 'Goin' Down the Road Feeling Bad' (line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_shared_by_two_songs_is_rejected()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: scarlet-begonias
                name: Scarlet Begonias
                aliases: [Scarlet Fire]
              - key: fire-on-the-mountain
                name: Fire on the Mountain
                aliases:
                  - scarlet  fire
            """);

        Assert.Equal(10, error.Line);
        Assert.Contains("is also an alias of 'Scarlet Begonias' (line 6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_field_lists_the_allowed_ones()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            songs: []
            """);

        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("unknown field 'songs'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed top-level fields are: name, collection, ignore, tracks, studio_albums.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_track_field_lists_the_allowed_ones()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
                alias: [darkstar]
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("unknown track field 'alias'", error.Message, StringComparison.Ordinal);
        Assert.Contains("key, name, aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_field_is_reported_at_the_repeat()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            name: The Dead
            """);

        Assert.Equal(3, error.Line);
        Assert.Contains("field 'name' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignore_entry_that_is_a_song_is_rejected()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            ignore: [tuning, DRUMS]
            tracks:
              - key: drums
                name: Drums
            """);

        Assert.Equal(3, error.Line);
        Assert.Equal(18, error.Column);
        Assert.Contains("ignore entry 'DRUMS' is the name of 'Drums' (line 6)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tracks: dark star", 3, "'tracks' must be a list")]
    [InlineData("ignore: tuning", 3, "'ignore' must be a list")]
    [InlineData("tracks:\n  - dark-star", 4, "a track must be a mapping")]
    [InlineData("tracks:\n  - key: [a, b]\n    name: B", 4, "'key' must be a single text value")]
    [InlineData("ignore: [tuning, [crowd]]", 3, "each entry of 'ignore' must be text")]
    [InlineData("ignore: [tuning, '']", 3, "'ignore' has an empty entry")]
    public void Values_of_the_wrong_shape_are_reported(string tail, int line, string problem)
    {
        var error = LoadError("name: Grateful Dead\ncollection: GratefulDead\n" + tail + "\n");

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var error = LoadError("# nothing but a comment\n");

        Assert.Null(error.Line);
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_at_the_top_is_not_an_artist()
    {
        var error = LoadError("- name: Grateful Dead\n");

        Assert.Equal(1, error.Line);
        Assert.Contains("must be a mapping of fields, not a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_has_path_position_problem_and_advice()
    {
        var error = LoadError("name: Grateful Dead\ncollection: GratefulDead\nsongs: []\n");

        Assert.Equal(
            $"{error.FilePath}(3,1): unknown field 'songs'. Allowed top-level fields are: name, collection, ignore, tracks, studio_albums.",
            error.Message);
        Assert.Equal("unknown field 'songs'", error.Problem);
    }

    private ArtistConfigException LoadError(string yaml)
    {
        var path = directory.Write("artist.yaml", yaml);
        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigStore.Load(path));
        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        return error;
    }
}
