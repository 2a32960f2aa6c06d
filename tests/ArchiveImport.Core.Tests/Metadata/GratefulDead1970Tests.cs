using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class GratefulDead1970Tests
{
    private readonly Show show = ArchiveOrgFixtures.ParseShow(ArchiveOrgFixtures.Gd70);

    [Fact]
    public void Takes_fifteen_Shorten_tracks_in_track_order()
    {
        Assert.Equal("Shorten", show.AudioFormat);
        Assert.Equal(15, show.Tracks.Count);
        Assert.Equal(Enumerable.Range(1, 15), show.Tracks.Select(track => track.Position));
        Assert.Equal(Enumerable.Range(1, 15), show.Tracks.Select(track => track.TrackNumber!.Value));
        Assert.Equal("GD70-10-23d1t01.shn", show.Tracks[0].FileName);
    }

    [Fact]
    public void Reads_titles()
    {
        Assert.Equal("Casey Jones", show.Tracks[0].Title);
        Assert.Equal("China Cat", show.Tracks[3].Title);
        Assert.Equal("Me & My Uncle", show.Tracks[8].Title);
        Assert.Equal("The Other One", show.Tracks[10].Title);
        Assert.Equal("Uncle John's Band", show.Tracks[14].Title);
    }

    [Fact]
    public void Reads_disc_from_an_upper_case_file_name()
    {
        var discTwoOpener = show.Tracks[9];
        Assert.Equal("GD70-10-23d2t01.shn", discTwoOpener.FileName);
        Assert.Equal(2, discTwoOpener.Disc);
        Assert.Equal(10, discTwoOpener.TrackNumber);
        Assert.Equal("Truckin'", discTwoOpener.Title);
    }

    [Fact]
    public void Takes_durations_from_derivatives_because_the_Shorten_length_is_zero()
    {
        Assert.Equal(337.18, show.Tracks[0].DurationSeconds!.Value, precision: 2);
        Assert.Equal(127, show.Tracks[11].DurationSeconds!.Value, precision: 2);
        Assert.All(show.Tracks, track => Assert.NotNull(track.DurationSeconds));
    }

    [Fact]
    public void Reads_show_metadata()
    {
        Assert.Equal(new DateOnly(1970, 10, 23), show.Date);
        Assert.Equal("McDonough Arena, Georgetown U.", show.Venue);
        Assert.Equal("Washington, DC", show.Coverage);
        Assert.Equal("Audience", show.Source);
        Assert.Equal("Cary Wolfson", show.Taper);
        Assert.Equal("AUD > Sony TC-124 (MCass) > DAT > DAT > CDR > SHN", show.Lineage);
    }
}
