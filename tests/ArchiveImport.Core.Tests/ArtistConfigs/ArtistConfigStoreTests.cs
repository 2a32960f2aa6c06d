using ArchiveImport.Core.ArtistConfigs;
using Xunit;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

public sealed class ArtistConfigStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("String Cheese Incident", "string-cheese-incident")]
    [InlineData("  Yonder Mountain   String Band ", "yonder-mountain-string-band")]
    [InlineData("Simon & Garfunkel", "simon-and-garfunkel")]
    [InlineData("Truckin'", "truckin")]
    [InlineData("Uncle John’s Band", "uncle-johns-band")]
    [InlineData("Beyoncé", "beyonce")]
    [InlineData("Rainy Day Women #12 & 35", "rainy-day-women-12-and-35")]
    [InlineData("--Slipknot!--", "slipknot")]
    [InlineData("U.S. Blues", "u-s-blues")]
    [InlineData("string-cheese-incident", "string-cheese-incident")]
    public void Slug_keeps_ascii_letters_digits_and_single_dashes(string name, string expected) =>
        Assert.Equal(expected, ArtistConfigStore.Slug(name));

    [Fact]
    public void Find_matches_the_name_ignoring_case()
    {
        WriteArtist("sci.yaml", "String Cheese Incident", "StringCheeseIncident");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Equal("StringCheeseIncident", store.Find("string cheese INCIDENT")?.Collection);
    }

    [Fact]
    public void Find_matches_the_file_slug_both_ways()
    {
        WriteArtist("string-cheese-incident.yaml", "The String Cheese Incident", "StringCheeseIncident");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Equal("The String Cheese Incident", store.Find("String Cheese Incident")?.Name);
        Assert.Equal("The String Cheese Incident", store.Find("string-cheese-incident")?.Name);
        Assert.Equal("The String Cheese Incident", store.Find("the string cheese incident")?.Name);
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_artist()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Null(store.Find("Phish"));
        Assert.Null(store.Find(" "));
    }

    [Fact]
    public void LoadAll_reads_yaml_and_yml_files_only()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        WriteArtist("phish.yml", "Phish", "Phish");
        directory.Write("notes.txt", "not an artist");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Equal(["Lettuce", "Phish"], store.LoadAll().Select(config => config.Name));
    }

    [Fact]
    public void LoadAll_throws_for_a_malformed_file()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var bad = directory.Write("phish.yaml", "name: Phish\n");
        var store = new ArtistConfigStore(directory.Path);

        var error = Assert.Throws<ArtistConfigException>(store.LoadAll);
        Assert.Equal(bad, error.FilePath);
    }

    [Fact]
    public void LoadAll_rejects_two_files_for_the_same_artist()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var second = WriteArtist("salad.yaml", "LETTUCE", "Lettuce");
        var store = new ArtistConfigStore(directory.Path);

        var error = Assert.Throws<ArtistConfigException>(store.LoadAll);
        Assert.Equal(second, error.FilePath);
        Assert.Equal(1, error.Line);
        Assert.Contains("also defined in lettuce.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArtistNames_reads_names_and_leaves_out_files_that_are_not_YAML()
    {
        WriteArtist("b.yaml", "Lettuce", "Lettuce");
        directory.Write("broken.yaml", "name: [unclosed\n");
        directory.Write("broken-later.yaml", "name: Broken Later\ncollection: X\ntracks:\n  - key: x\n    name: [unclosed\n");
        directory.Write("a.yaml", "# comment first\ncollection: Phish\nname: 'Phish'\ntracks:\n  - key: x\n    name: X\n");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Equal(["Lettuce", "Phish"], store.ArtistNames());
    }

    [Fact]
    public void FindName_maps_a_name_without_loading_and_Problems_names_every_bad_file()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        directory.Write("broken-later.yaml", "name: Broken Later\ncollection: X\ntracks:\n  - key: x\n    name: [unclosed\n");
        directory.Write("no-collection.yaml", "name: No Collection\ntracks: []\n");
        var store = new ArtistConfigStore(directory.Path);

        Assert.Equal("Lettuce", store.FindName("lettuce"));
        Assert.Equal("Broken Later", store.FindName("Broken Later")); // its name line is readable, the rest is not
        Assert.Null(store.FindName("Phish"));
        Assert.Throws<ArtistConfigException>(store.LoadAll);

        var problems = store.Problems();
        Assert.Equal(
            [Path.Combine(directory.Path, "broken-later.yaml"), Path.Combine(directory.Path, "no-collection.yaml")],
            problems.Select(p => p.FilePath).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.StartsWith(p.FilePath + "(", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_folder_holds_no_artists()
    {
        var store = new ArtistConfigStore(Path.Combine(directory.Path, "does-not-exist"));

        Assert.Empty(store.LoadAll());
        Assert.Empty(store.ArtistNames());
        Assert.Null(store.Find("Lettuce"));
    }

    [Fact]
    public void An_unchanged_file_is_not_read_again_by_any_store_sharing_the_cache()
    {
        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var cache = new ArtistConfigCache();

        var first = new ArtistConfigStore(directory.Path, cache).Find("Lettuce");
        var again = new ArtistConfigStore(directory.Path, cache).LoadAll().Single();

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotSame(first, new ArtistConfigStore(directory.Path).Find("Lettuce")); // no cache shared: read anew
    }

    [Fact]
    public void A_file_whose_length_or_write_time_changed_is_read_again()
    {
        var path = WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var store = new ArtistConfigStore(directory.Path, new ArtistConfigCache());
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal("Lettuce", store.Find("Lettuce")?.Collection);

        WriteArtist("lettuce.yaml", "Lettuce", "LettuceBand"); // longer
        File.SetLastWriteTimeUtc(path, written); // only the length tells
        Assert.Equal("LettuceBand", store.Find("Lettuce")?.Collection);

        WriteArtist("lettuce.yaml", "Lettuce", "LettuceBond"); // same length
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1)); // only the write time tells
        Assert.Equal("LettuceBond", store.Find("Lettuce")?.Collection);
    }

    [Fact]
    public void A_cached_problem_is_reported_until_the_file_is_fixed_and_a_broken_edit_is_seen_at_once()
    {
        var path = directory.Write("lettuce.yaml", "name: Lettuce\ntracks: []\n");
        var store = new ArtistConfigStore(directory.Path, new ArtistConfigCache());
        Assert.Equal(path, Assert.Single(store.Problems()).FilePath);
        Assert.Equal(path, Assert.Single(store.Problems()).FilePath);

        WriteArtist("lettuce.yaml", "Lettuce", "Lettuce");
        var survey = store.Survey();
        Assert.Empty(survey.Problems);
        Assert.Equal("Lettuce", Assert.Single(survey.Usable).Name);

        directory.Write("lettuce.yaml", "name: Lettuce\ncollection: Lettuce\ntracks:\n  - key: song\n    name: [unclosed\n");
        Assert.Equal(path, Assert.Single(store.Problems()).FilePath);
        Assert.Throws<ArtistConfigException>(() => store.Find("Lettuce"));

        File.Delete(path);
        Assert.Empty(store.Survey().Usable);
        Assert.Null(store.Find("Lettuce"));
    }

    private string WriteArtist(string fileName, string name, string collection) =>
        directory.Write(fileName, $"name: {name}\ncollection: {collection}\ntracks:\n  - key: song\n    name: Song\n");
}
