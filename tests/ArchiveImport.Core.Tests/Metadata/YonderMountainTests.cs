using System.Text.Json;
using System.Text.Json.Nodes;
using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class YonderMountainTests
{
    private readonly Show show = ArchiveOrgFixtures.ParseShow(ArchiveOrgFixtures.Ymsb);

    [Fact]
    public void Takes_the_Flac_originals_not_their_MP3_and_Ogg_derivatives()
    {
        Assert.Equal("Flac", show.AudioFormat);
        Assert.Equal(27, show.Tracks.Count);
        Assert.All(show.Tracks, track => Assert.EndsWith(".flac", track.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_by_file_name_because_no_file_has_a_track_field()
    {
        Assert.All(show.Tracks, track => Assert.Null(track.TrackNumber));
        Assert.Equal(Enumerable.Range(1, 27), show.Tracks.Select(track => track.Position));
        Assert.Equal("ymsb2006-07-03d1t01.flac", show.Tracks[0].FileName);
        Assert.Equal("ymsb2006-07-03d1t15.flac", show.Tracks[14].FileName);
        Assert.Equal("ymsb2006-07-03d2t01.flac", show.Tracks[15].FileName);
        Assert.Equal("ymsb2006-07-03d2t12.flac", show.Tracks[^1].FileName);
        Assert.Equal(Enumerable.Repeat(1, 15).Concat(Enumerable.Repeat(2, 12)), show.Tracks.Select(track => track.Disc!.Value));
    }

    [Fact]
    public void Keeps_the_order_when_the_files_list_is_shuffled()
    {
        var item = JsonNode.Parse(ArchiveOrgFixtures.Read(ArchiveOrgFixtures.Ymsb))!.AsObject();
        var reversed = new JsonArray(item["files"]!.AsArray().Reverse().Select(file => file!.DeepClone()).ToArray());
        item["files"] = reversed;

        var shuffled = ArchiveItemParser.Parse(ArchiveOrgFixtures.Ymsb, JsonSerializer.SerializeToUtf8Bytes(item)).Show!;

        Assert.Equal(show.Tracks, shuffled.Tracks);
    }

    [Fact]
    public void Reads_titles_with_quotes_segues_and_guest_markers()
    {
        Assert.Equal("If the show gets too smooth for you...\"", show.Tracks[0].Title);
        Assert.Equal("Years With Rose > Good Hearted Woman", show.Tracks[5].Title);
        Assert.Equal("Up on the Hill Where They Do the Boogie > $ *", show.Tracks[24].Title);
    }

    [Fact]
    public void Takes_durations_from_the_Ogg_derivative()
    {
        // Flac 185.4, VBR MP3 "03:05", Ogg 185.41.
        Assert.Equal(18.23, show.Tracks[0].DurationSeconds!.Value, precision: 2);
        Assert.Equal(185.41, show.Tracks[1].DurationSeconds!.Value, precision: 2);
    }

    [Fact]
    public void Reads_show_metadata_without_a_taper()
    {
        Assert.Equal(new DateOnly(2006, 7, 3), show.Date);
        Assert.Equal("Yonder Mountain String Band Live at Earhart Farm, Bristol Motor Speedway on 2006-07-03", show.Title);
        Assert.Equal("Earhart Farm, Bristol Motor Speedway", show.Venue);
        Assert.Equal("Bristol TN", show.Coverage);
        Assert.Equal("Soundboard", show.Source);
        Assert.Null(show.Taper);
        Assert.Null(show.Lineage);
    }
}
