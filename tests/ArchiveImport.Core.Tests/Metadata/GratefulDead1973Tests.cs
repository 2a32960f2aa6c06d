using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class GratefulDead1973Tests
{
    private readonly Show show = ArchiveOrgFixtures.ParseShow(ArchiveOrgFixtures.Gd73);

    [Fact]
    public void Takes_the_Shorten_originals_as_the_single_track_format()
    {
        // Shorten is the lossless original; the VBR MP3 and Ogg files are derivatives of the same 31 recordings.
        Assert.Equal("Shorten", show.AudioFormat);
        Assert.Equal(31, show.Tracks.Count);
        Assert.All(show.Tracks, track => Assert.EndsWith(".shn", track.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_tracks_by_the_track_field_with_positions_one_to_n()
    {
        Assert.Equal(Enumerable.Range(1, 31), show.Tracks.Select(track => track.Position));
        Assert.Equal(Enumerable.Range(1, 31), show.Tracks.Select(track => track.TrackNumber!.Value));
        Assert.Equal("gd73-06-10d1t01.shn", show.Tracks[0].FileName);
        Assert.Equal("gd73-06-10d4t09.shn", show.Tracks[^1].FileName);
    }

    [Fact]
    public void Reads_titles_including_segues_and_apostrophes()
    {
        Assert.Equal("Morning Dew", show.Tracks[0].Title);
        Assert.Equal("Eyes Of The World >", show.Tracks[13].Title);
        Assert.Equal("Playin' In The Band", show.Tracks[12].Title);
        Assert.Equal("It Takes A Lot To Laugh, It Takes A Train To Cry", show.Tracks[23].Title);
        Assert.Equal("Johnny B. Goode", show.Tracks[30].Title);
        Assert.All(show.Tracks, track => Assert.False(string.IsNullOrEmpty(track.Title)));
    }

    [Fact]
    public void Takes_disc_from_the_file_name_while_track_keeps_counting_across_discs()
    {
        var discTwoOpener = Assert.Single(show.Tracks, track => track.FileName == "gd73-06-10d2t01.shn");
        Assert.Equal(2, discTwoOpener.Disc);
        Assert.Equal(12, discTwoOpener.TrackNumber);
        Assert.Equal(12, discTwoOpener.Position);
        Assert.Equal("Bird Song", discTwoOpener.Title);
        Assert.Equal([1, 2, 3, 4], show.Tracks.Select(track => track.Disc!.Value).Distinct());
    }

    [Fact]
    public void Takes_durations_from_the_Ogg_derivative_not_the_wrong_Shorten_length()
    {
        // Shorten says 354.21, VBR MP3 says "11:18" (678), Ogg says 674.93.
        Assert.Equal(674.93, show.Tracks[0].DurationSeconds!.Value, precision: 2);
        Assert.Equal(1580.53, show.Tracks[18].DurationSeconds!.Value, precision: 2);
        Assert.All(show.Tracks, track => Assert.True(track.DurationSeconds > 60));
    }

    [Fact]
    public void Ignores_mis_tagged_booklet_and_jwl_files()
    {
        Assert.DoesNotContain(show.Tracks, track => track.FileName.Contains("RFKJune73extras", StringComparison.Ordinal));
        Assert.DoesNotContain(show.Tracks, track => track.FileName.EndsWith(".bmp", StringComparison.Ordinal));
        Assert.DoesNotContain(show.Tracks, track => track.FileName.EndsWith(".jwl", StringComparison.Ordinal));
        Assert.DoesNotContain(show.Tracks, track => track.FileName.Contains("center_vbr", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_show_metadata()
    {
        Assert.Equal(ArchiveOrgFixtures.Gd73, show.Identifier);
        Assert.Equal("Grateful Dead Live at Robert F. Kennedy Stadium on 1973-06-10", show.Title);
        Assert.Equal(new DateOnly(1973, 6, 10), show.Date);
        Assert.Equal("Robert F. Kennedy Stadium", show.Venue);
        Assert.Equal("Washington, DC", show.Coverage);
        Assert.Equal("Soundboard", show.Source);
        Assert.Null(show.Taper);
        Assert.Equal("SBD > MR (10'' reels) > DAT > CD > EAC > SHN", show.Lineage);
    }
}
