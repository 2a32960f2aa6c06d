using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("337.18", 337.18)]
    [InlineData("154", 154)]
    [InlineData("223.3", 223.3)]
    [InlineData("0.04", 0.04)]
    [InlineData(" 674.93 ", 674.93)]
    [InlineData("05:37", 337)]
    [InlineData("11:18", 678)]
    [InlineData("00:06", 6)]
    [InlineData("5:07", 307)]
    [InlineData("75:12", 4512)]
    [InlineData("02:07.5", 127.5)]
    [InlineData("1:02:03", 3723)]
    [InlineData("01:00:00", 3600)]
    public void Parses_seconds_and_clock_forms(string text, double expected)
    {
        Assert.Equal(expected, DurationParser.ParseSeconds(text)!.Value, precision: 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("00:00")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("-00:05")]
    [InlineData("05:-1")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("337,18")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("05:60")]
    [InlineData("1:60:00")]
    [InlineData(":30")]
    [InlineData("1:")]
    [InlineData("1:2:3:4")]
    [InlineData("5 min")]
    public void Rejects_unknown_zero_negative_and_malformed(string? text)
    {
        Assert.Null(DurationParser.ParseSeconds(text));
    }

    [Fact]
    public void Ignores_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal(337.18, DurationParser.ParseSeconds("337.18"));
            Assert.Null(DurationParser.ParseSeconds("337,18"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
