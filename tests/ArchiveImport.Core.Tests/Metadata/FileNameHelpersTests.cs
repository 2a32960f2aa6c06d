using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class FileNameHelpersTests
{
    [Theory]
    [InlineData("gd73-06-10d2t01.shn", 2, 1, 2)]
    [InlineData("GD70-10-23D1T09.shn", 1, 9, 1)]
    [InlineData("folder/ymsb2006-07-03d1t15.flac", 1, 15, 1)]
    [InlineData("ph2003-02-28s2t04.flac", 2, 4, null)]
    [InlineData("gd77-05-08t07.flac", 0, 7, null)]
    [InlineData("01 Morning Dew.flac", 0, 1, null)]
    [InlineData("12-encore.mp3", 0, 12, null)]
    public void Track_like_file_names(string name, int group, int track, int? disc)
    {
        Assert.Equal(new TrackFileName(group, track, disc), TrackFileName.Parse(name));
    }

    [Theory]
    [InlineData("center_vbr.mp3")]
    [InlineData("RFKJune73extras/Booklet/center.bmp")]
    [InlineData("1973-06-10.flac")]
    [InlineData("part01.flac")]
    [InlineData("d1t01/readme.txt")]
    public void Names_that_are_not_track_like(string name)
    {
        Assert.Null(TrackFileName.Parse(name));
    }

    [Theory]
    [InlineData("t2", "t10")]
    [InlineData("d1t09", "d1t10")]
    [InlineData("d1t15", "d2t01")]
    [InlineData("Song2", "song10")]
    [InlineData("a", "b")]
    [InlineData("a", "a1")]
    [InlineData("t2", "t02")]
    [InlineData("x99999999999999999999", "x100000000000000000000")]
    public void Natural_order(string earlier, string later)
    {
        Assert.True(NaturalStringComparer.Instance.Compare(earlier, later) < 0);
        Assert.True(NaturalStringComparer.Instance.Compare(later, earlier) > 0);
    }

    [Fact]
    public void Natural_order_is_zero_only_for_equal_strings()
    {
        Assert.Equal(0, NaturalStringComparer.Instance.Compare("d1t01.flac", "d1t01.flac"));
        Assert.NotEqual(0, NaturalStringComparer.Instance.Compare("T1", "t1"));
    }
}
