using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class ShowDateParserTests
{
    [Theory]
    [InlineData("1973-06-10", "anything", "1973-06-10")]
    [InlineData(" 2006-07-03 ", "anything", "2006-07-03")]
    [InlineData("1977-05-08T00:00:00Z", "anything", "1977-05-08")]
    [InlineData("1977-05-08T23:59:59Z", "anything", "1977-05-08")]
    [InlineData("1970-10-23", "gd73-06-10.sbd.hollister.174.sbeok.shnf", "1970-10-23")]
    public void Metadata_date_wins(string metadataDate, string identifier, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ShowDateParser.Parse(metadataDate, identifier));
    }

    [Theory]
    [InlineData(null, "gd73-06-10.sbd.hollister.174.sbeok.shnf", "1973-06-10")]
    [InlineData("", "gd70-10-23.aud.wolfson.15080.sbefail.shnf", "1970-10-23")]
    [InlineData("2009-09-31", "gd1977-05-08.sbd.miller.shnf", "1977-05-08")]
    [InlineData("1973-XX-10", "gd73-06-10.sbd.hollister.174.sbeok.shnf", "1973-06-10")]
    [InlineData("1935", "ymsb2006-07-03.flac16", "2006-07-03")]
    [InlineData("06/10/1973", "sci2007-07-28.akg.flac16", "2007-07-28")]
    [InlineData("1977-5-8", "gd19770508.sbd.flac", "1977-05-08")]
    [InlineData(null, "GD70-10-23.aud", "1970-10-23")]
    [InlineData(null, "ph03-02-28.sbd.flac16", "2003-02-28")]
    [InlineData(null, "ph29-12-31.sbd", "2029-12-31")]
    [InlineData(null, "gd30-01-01.sbd", "1930-01-01")]
    [InlineData(null, "sts9.2005-11-04.sbd.flac16", "2005-11-04")]
    public void Falls_back_to_the_identifier(string? metadataDate, string identifier, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ShowDateParser.Parse(metadataDate, identifier));
    }

    [Theory]
    [InlineData(null, "nasa")]
    [InlineData("1935", "AboutBan1935")]
    [InlineData(null, "GratefulDead")]
    [InlineData(null, "gd73-13-10.sbd")]
    [InlineData(null, "gd77-02-30.sbd")]
    [InlineData(null, "gd1977-02-29.sbd")]
    [InlineData(null, "gd19771340.sbd")]
    [InlineData(null, "gd73-06-1.sbd")]
    [InlineData(null, "gd73-06-100")]
    [InlineData(null, "set.12-06-10")]
    [InlineData("2009-09-31", "")]
    [InlineData("XXXX-06-10", "unknown")]
    public void Null_when_nothing_parses(string? metadataDate, string identifier)
    {
        Assert.Null(ShowDateParser.Parse(metadataDate, identifier));
    }

    [Fact]
    public void Leap_day_is_valid()
    {
        Assert.Equal(new DateOnly(1976, 2, 29), ShowDateParser.Parse(null, "gd76-02-29.sbd"));
    }

    [Fact]
    public void Two_digit_year_pivot_is_documented_as_30()
    {
        Assert.Equal(30, ShowDateParser.TwoDigitYearPivot);
    }
}
