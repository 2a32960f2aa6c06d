using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class TrackOrderTests
{
    private static IReadOnlyList<Track> ParseTracks(string filesJson) =>
        ArchiveOrgFixtures.ParseText($$"""{"metadata": {}, "files": {{filesJson}}}""").Show!.Tracks;

    [Fact]
    public void Distinct_track_fields_decide_the_order_over_file_names()
    {
        var tracks = ParseTracks("""
            [
              {"name": "a.flac", "format": "Flac", "title": "Third", "track": "3"},
              {"name": "b.flac", "format": "Flac", "title": "First", "track": "1"},
              {"name": "c.flac", "format": "Flac", "title": "Second", "track": "2/3"}
            ]
            """);

        Assert.Equal(["First", "Second", "Third"], tracks.Select(track => track.Title));
        Assert.Equal([1, 2, 3], tracks.Select(track => track.Position));
    }

    [Fact]
    public void Track_fields_restarting_per_disc_fall_back_to_disc_and_track_in_the_name()
    {
        var tracks = ParseTracks("""
            [
              {"name": "x2001-01-01d2t01.flac", "format": "Flac", "track": "1"},
              {"name": "x2001-01-01d1t02.flac", "format": "Flac", "track": "2"},
              {"name": "x2001-01-01d1t01.flac", "format": "Flac", "track": "1"}
            ]
            """);

        Assert.Equal(["x2001-01-01d1t01.flac", "x2001-01-01d1t02.flac", "x2001-01-01d2t01.flac"], tracks.Select(track => track.FileName));
        Assert.Equal([1, 1, 2], tracks.Select(track => track.Disc!.Value));
    }

    [Fact]
    public void Set_and_track_names_order_by_set_then_track_without_a_disc()
    {
        var tracks = ParseTracks("""
            [
              {"name": "ph2003s2t01.flac", "format": "Flac"},
              {"name": "ph2003s1t10.flac", "format": "Flac"},
              {"name": "ph2003s1t9.flac", "format": "Flac"}
            ]
            """);

        Assert.Equal(["ph2003s1t9.flac", "ph2003s1t10.flac", "ph2003s2t01.flac"], tracks.Select(track => track.FileName));
        Assert.All(tracks, track => Assert.Null(track.Disc));
    }

    [Fact]
    public void Otherwise_natural_sort_of_the_file_name()
    {
        var tracks = ParseTracks("""
            [
              {"name": "song10.flac", "format": "Flac", "title": "Ten"},
              {"name": "Song2.flac", "format": "Flac", "title": "Two"},
              {"name": "song1.flac", "format": "Flac", "title": "One"}
            ]
            """);

        Assert.Equal(["One", "Two", "Ten"], tracks.Select(track => track.Title));
    }

    [Fact]
    public void Plain_t_numbers_order_numerically()
    {
        var tracks = ParseTracks("""
            [
              {"name": "t10.flac", "format": "Flac"},
              {"name": "t2.flac", "format": "Flac"},
              {"name": "t1.flac", "format": "Flac"}
            ]
            """);

        Assert.Equal(["t1.flac", "t2.flac", "t10.flac"], tracks.Select(track => track.FileName));
    }
}
