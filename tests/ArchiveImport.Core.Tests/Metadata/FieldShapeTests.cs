using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

/// <summary>archive.org writes the same field as a string, an array or a number depending on the item.</summary>
public sealed class FieldShapeTests
{
    private const string OneTrack = """[{"name": "x2001-02-03d1t01.flac", "format": "Flac"}]""";

    private static Show ParseMetadata(string metadataJson, string identifier = "test-item")
    {
        var parsed = ArchiveOrgFixtures.ParseText($$"""{"metadata": {{metadataJson}}, "files": {{OneTrack}}}""", identifier);
        Assert.True(parsed.IsImportable, parsed.NotImportableReason);
        return parsed.Show!;
    }

    [Theory]
    [InlineData("\"Fillmore West\"", "Fillmore West")]
    [InlineData("\"  Fillmore West \"", "Fillmore West")]
    [InlineData("[\"Fillmore West\", \"Fillmore East\"]", "Fillmore West")]
    [InlineData("[\"\", \"  \", \"Fillmore West\"]", "Fillmore West")]
    [InlineData("[null, 7, \"Fillmore West\"]", "7")]
    [InlineData("1977", "1977")]
    [InlineData("337.18", "337.18")]
    [InlineData("\"\"", null)]
    [InlineData("\"   \"", null)]
    [InlineData("[]", null)]
    [InlineData("[\"\"]", null)]
    [InlineData("null", null)]
    [InlineData("true", null)]
    [InlineData("{\"name\": \"Fillmore West\"}", null)]
    public void Venue_in_every_shape(string venueJson, string? expected)
    {
        Assert.Equal(expected, ParseMetadata($$"""{"venue": {{venueJson}}}""").Venue);
    }

    [Fact]
    public void Absent_fields_are_null()
    {
        var show = ParseMetadata("{}", identifier: "no-date-here");

        Assert.Null(show.Title);
        Assert.Null(show.Date);
        Assert.Null(show.Venue);
        Assert.Null(show.Coverage);
        Assert.Null(show.Source);
        Assert.Null(show.Taper);
        Assert.Null(show.Lineage);
    }

    [Fact]
    public void Every_show_field_reads_arrays()
    {
        var show = ParseMetadata("""
            {
              "title": ["Live at the Fillmore"],
              "date": ["1969-02-27"],
              "venue": ["Fillmore West"],
              "coverage": ["San Francisco, CA"],
              "source": ["SBD"],
              "taper": ["Owsley Stanley", "Bear"],
              "lineage": ["Reel > DAT"]
            }
            """);

        Assert.Equal("Live at the Fillmore", show.Title);
        Assert.Equal(new DateOnly(1969, 2, 27), show.Date);
        Assert.Equal("Fillmore West", show.Venue);
        Assert.Equal("San Francisco, CA", show.Coverage);
        Assert.Equal("SBD", show.Source);
        Assert.Equal("Owsley Stanley", show.Taper);
        Assert.Equal("Reel > DAT", show.Lineage);
    }

    [Fact]
    public void Unparsable_metadata_date_falls_back_to_the_identifier()
    {
        Assert.Equal(new DateOnly(1977, 5, 8), ParseMetadata("""{"date": "1977-05-XX"}""", "gd77-05-08.sbd.hicks.4982.sbeok.shnf").Date);
    }

    [Fact]
    public void File_fields_read_numbers_and_arrays()
    {
        var parsed = ArchiveOrgFixtures.ParseText("""
            {
              "metadata": {"mediatype": "etree"},
              "files": [
                {"name": "song-b.flac", "format": "Flac", "title": ["Second", "ignored"], "track": 2, "length": 61.5},
                {"name": "song-a.flac", "format": ["Flac"], "title": "First", "track": ["01"], "length": ["01:01"]}
              ]
            }
            """);

        var tracks = parsed.Show!.Tracks;
        Assert.Equal(["First", "Second"], tracks.Select(track => track.Title));
        Assert.Equal([1, 2], tracks.Select(track => track.TrackNumber!.Value));
        Assert.Equal([61, 61.5], tracks.Select(track => track.DurationSeconds!.Value));
    }

    [Theory]
    [InlineData("\"3/12\"", 3)]
    [InlineData("\"07\"", 7)]
    [InlineData("\" 4 \"", 4)]
    [InlineData("5", 5)]
    [InlineData("\"0\"", null)]
    [InlineData("\"A1\"", null)]
    [InlineData("\"\"", null)]
    public void Track_field_forms(string trackJson, int? expected)
    {
        var parsed = ArchiveOrgFixtures.ParseText($$"""
            {"metadata": {}, "files": [{"name": "intro.flac", "format": "Flac", "title": "Intro", "track": {{trackJson}}}]}
            """);

        Assert.Equal(expected, Assert.Single(parsed.Show!.Tracks).TrackNumber);
    }
}
