using System.Text;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Schema;
using ArchiveImport.Testing.ArtistConfigs;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

/// <summary>Large files, files over the limits, and YAML anchors and aliases.</summary>
public sealed class ArtistConfigLimitTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_config_of_20000_songs_loads_and_matches_by_name_alias_and_number()
    {
        var path = LargeArtistYaml.Write(Path.Combine(directory.Path, "large.yaml"), 20_000);

        var config = ArtistConfigStore.Load(path);
        var matcher = new TrackMatcher(config);

        Assert.Equal(20_000, config.Songs.Count);
        foreach (var index in new[] { 0, 1, 63, 64, 4_095, 4_096, 12_345, 19_999 })
        {
            var byName = matcher.Match("d1t01 " + LargeArtistYaml.SongName(index) + " >").Segments.Single();
            Assert.Equal((MatchMethod.Exact, LargeArtistYaml.Key(index)), (byName.Method, byName.Song?.Key));
            var byAlias = matcher.Match(LargeArtistYaml.Alias(index).ToUpperInvariant()).Segments.Single();
            Assert.Equal((MatchMethod.Alias, LargeArtistYaml.Key(index)), (byAlias.Method, byAlias.Song?.Key));
        }
    }

    [Fact]
    public void A_config_of_20000_songs_that_all_sound_alike_builds_and_never_guesses()
    {
        // "Jam 0" … "Jam 19999": one phonetic key for every song (digits have no sound), once quadratic to build.
        var path = LargeArtistYaml.Write(Path.Combine(directory.Path, "jams.yaml"), 20_000, numbered: true);

        var matcher = new TrackMatcher(ArtistConfigStore.Load(path));

        var exact = matcher.Match("Jam 17777").Segments.Single();
        Assert.Equal((MatchMethod.Exact, "song-17777"), (exact.Method, exact.Song?.Key));
        var unknown = matcher.Match("Jam 20001").Segments.Single();
        Assert.NotEqual(MatchMethod.Exact, unknown.Method);
        Assert.NotEqual(MatchMethod.Phonetic, unknown.Method);
        Assert.Null(unknown.Song);
    }

    [Fact]
    public void More_songs_than_the_limit_are_refused_naming_file_count_and_limit()
    {
        var songs = ArtistConfigLimits.MaxSongs + 1;
        var path = LargeArtistYaml.Write(Path.Combine(directory.Path, "too-many.yaml"), songs, withAliases: false);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigStore.Load(path));

        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        Assert.Equal(3 + (2 * ArtistConfigLimits.MaxSongs) + 1, error.Line); // the first track over the limit
        Assert.Contains("the file has 100,001 tracks; an artist config may have at most 100,000", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{error.FilePath}({error.Line},", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_aliases_than_the_limit_are_refused_naming_file_count_and_limit()
    {
        // 1,000 songs with 251 aliases each: 251,000 aliases, 1,000 over the limit.
        var text = new StringBuilder("name: Alias Band\ncollection: AliasBand\ntracks:\n");
        for (var song = 0; song < 1_000; song++)
        {
            text.Append($"  - key: s{song}\n    name: Song {LargeArtistYaml.SongName(song)}\n    aliases: [");
            text.AppendJoin(", ", Enumerable.Range(0, 251).Select(alias => $"a{song}x{alias}"));
            text.Append("]\n");
        }

        var error = LoadError(text.ToString());

        Assert.Equal(3 + (3 * 996) + 3, error.Line); // the 250,001st alias is the 5th alias of the 997th song
        Assert.Contains("the file has 251,000 aliases; an artist config may have at most 250,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var path = Path.Combine(directory.Path, "huge.yaml");
        using (var file = File.CreateText(path))
        {
            file.Write("name: Huge\ncollection: Huge\n");
            var comment = "# " + new string('x', 1_000) + "\n";
            for (var i = 0; i < 20 * 1024; i++)
            {
                file.Write(comment); // 20 MB of comments: valid YAML, but far too much of it
            }
        }

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigStore.Load(path));

        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        Assert.Null(error.Line);
        Assert.Contains("the file is 19.6 MB; artist configs may be at most 16 MB", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100,000 songs and 250,000 aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_reported_where_the_alias_is()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
                aliases: [darkstar, *jam]
            """);

        Assert.Equal((6, 25), (error.Line, error.Column));
        Assert.Contains("the alias '*jam' refers to an anchor '&jam' that is not defined", error.Message, StringComparison.Ordinal);
        Assert.Contains("Define '&jam' earlier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_the_first_repeated_list()
    {
        var text = new StringBuilder("name: Laughs\ncollection: Laughs\nignore: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < 10; level++)
        {
            text.Append($"l{level}: &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        var error = LoadError(text.ToString());

        Assert.Equal((4, 10), (error.Line, error.Column));
        Assert.Contains("the alias '*a0' repeats a whole list or mapping", error.Message, StringComparison.Ordinal);
        Assert.Contains("write the entries out instead of the alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_track_repeated_through_an_alias_is_refused_at_the_alias()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - &star
                key: dark-star
                name: Dark Star
              - *star
            """);

        Assert.Equal((7, 5), (error.Line, error.Column));
        Assert.Contains("'*star' repeats a whole list or mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_on_single_values_may_be_reused()
    {
        var path = directory.Write("anchors.yaml", """
            name: &band Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
              - key: band-jam
                name: Band Jam
                aliases: [*band]
            """);

        var config = ArtistConfigStore.Load(path);

        Assert.Equal("Grateful Dead", config.Name);
        Assert.Equal(["Grateful Dead"], config.Songs[1].Aliases);
    }

    [Fact]
    public void A_field_repeated_inside_a_track_is_reported_at_the_repeat()
    {
        var error = LoadError("""
            name: Grateful Dead
            collection: GratefulDead
            tracks:
              - key: dark-star
                name: Dark Star
                name: Dark Star Jam
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("field 'name' appears twice in the same mapping", error.Message, StringComparison.Ordinal);
        Assert.Contains("Keep one of them", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", 201, 1, "field 'name' is 201 characters long", "archivedotorg_artist.artist_name")]
    [InlineData("collection", 201, 2, "field 'collection' is 201 characters long", "archivedotorg_artist.collection_id")]
    [InlineData("key", 201, 4, "the 'key' of a track is 201 characters long", "catalog_song.song_key")]
    [InlineData("song", 600, 5, "the 'name' of track 'dark-star' is 600 characters long", "catalog_song.song_name")]
    public void A_value_longer_than_its_catalog_column_is_rejected_naming_the_field(string field, int length, int line, string problem, string column)
    {
        var value = new string('x', length);
        var error = LoadError($"""
            name: {(field == "name" ? value : "Grateful Dead")}
            collection: {(field == "collection" ? value : "GratefulDead")}
            tracks:
              - key: {(field == "key" ? value : "dark-star")}
                name: {(field == "song" ? value : "Dark Star")}
            """);

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"the catalog stores at most {(length == 600 ? "500" : "200")} ({column})", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shorten it to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_exactly_as_long_as_their_columns_load()
    {
        var path = directory.Write("exact.yaml", $"""
            name: {new string('n', ColumnLengths.Artist.Name)}
            collection: {new string('c', ColumnLengths.Artist.CollectionId)}
            tracks:
              - key: {new string('k', ColumnLengths.Song.Key)}
                name: {new string('s', ColumnLengths.Song.Name)}
            """);

        var config = ArtistConfigStore.Load(path);

        Assert.Equal(ColumnLengths.Song.Name, config.Songs[0].Name.Length);
    }

    private ArtistConfigException LoadError(string yaml)
    {
        var path = directory.Write("artist.yaml", yaml);
        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigStore.Load(path));
        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        return error;
    }
}
