using System.Text.Json;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

public sealed class ShippedArtistConfigTests
{
    private readonly ArtistConfigStore store = new(TestPaths.ArtistConfigDirectory);

    [Fact]
    public void Every_shipped_config_loads()
    {
        var configs = store.LoadAll();

        Assert.Equal(
            [("Grateful Dead", "GratefulDead"), ("Lettuce", "Lettuce"), ("String Cheese Incident", "StringCheeseIncident"),
                ("Yonder Mountain String Band", "YonderMountainStringBand")],
            configs.Select(config => (config.Name, config.Collection)).Order());
        Assert.All(configs, config => Assert.NotEmpty(config.Songs));
    }

    [Fact]
    public void Shipped_artists_are_listed_for_completion()
    {
        Assert.Equal(["Grateful Dead", "Lettuce", "String Cheese Incident", "Yonder Mountain String Band"], store.ArtistNames());
    }

    [Fact]
    public void Shipped_files_are_named_after_the_artist_slug()
    {
        foreach (var config in store.LoadAll())
        {
            Assert.Equal(ArtistConfigStore.Slug(config.Name), Path.GetFileNameWithoutExtension(config.SourcePath));
        }
    }

    [Fact]
    public void Grateful_dead_has_every_song_of_the_fixture_list_with_slug_keys()
    {
        var expectedNames = File.ReadAllLines(TestPaths.Fixture("matching", "grateful-dead-songs.txt"))
            .Where(line => line.Length > 0)
            .ToList();

        var config = store.Find("Grateful Dead")!;

        Assert.Equal(582, expectedNames.Count);
        Assert.Equal(expectedNames, config.Songs.Select(song => song.Name));
        Assert.All(config.Songs, song => Assert.Equal(ArtistConfigStore.Slug(song.Name), song.Key));
    }

    [Fact]
    public void Grateful_dead_aliases_are_clean_names_not_raw_titles()
    {
        // Track numbers, segue marks, footnotes and notes are the normaliser's job, never an alias's.
        var aliases = store.Find("grateful-dead")!.Songs.SelectMany(song => song.Aliases).ToList();

        Assert.NotEmpty(aliases);
        Assert.All(aliases, alias =>
        {
            Assert.Equal(alias.Trim(), alias);
            Assert.DoesNotMatch(@"^0\d|^\d+\s*[.)-]\s|[>*^#$@~/]|->|\[|\(\d", alias);
        });
    }

    [Fact]
    public void Every_yonder_mountain_track_of_the_fixture_show_is_a_song_or_a_non_song()
    {
        var matcher = new TrackMatcher(store.Find("Yonder Mountain String Band")!);
        using var item = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("archive-org", "ymsb2006-07-03.flac16.json")));
        var titles = item.RootElement.GetProperty("files").EnumerateArray()
            .Where(file => file.GetProperty("name").GetString()!.EndsWith(".flac", StringComparison.Ordinal))
            .Select(file => file.GetProperty("title").GetString()!)
            .ToList();

        var segments = titles.SelectMany(title => matcher.Match(title).Segments).ToList();

        Assert.Equal(27, titles.Count);
        Assert.All(segments, segment => Assert.Contains(segment.Method, new[] { MatchMethod.Exact, MatchMethod.Alias, MatchMethod.Ignored }));
        Assert.Equal(17, segments.Count(segment => segment.Song is not null));
        Assert.Equal(11, segments.Count(segment => segment.Method == MatchMethod.Ignored));
    }
}
