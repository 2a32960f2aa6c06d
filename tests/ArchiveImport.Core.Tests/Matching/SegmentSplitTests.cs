using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class SegmentSplitTests
{
    [Theory]
    [InlineData("Scarlet Begonias > Fire on the Mountain")]
    [InlineData("Scarlet Begonias -> Fire on the Mountain")]
    [InlineData("Scarlet Begonias --> Fire on the Mountain")]
    [InlineData("Scarlet Begonias >> Fire on the Mountain")]
    [InlineData("Scarlet Begonias → Fire on the Mountain")]
    [InlineData("Scarlet Begonias ~ Fire on the Mountain")]
    [InlineData("Scarlet Begonias-&gt;Fire on the Mountain")]
    [InlineData("Scarlet Begonias>Fire on the Mountain")]
    public void Splits_on_every_segue_marker(string raw)
    {
        var segments = TitleNormalizer.SplitSegments(raw, out var seguesIntoNext);

        Assert.Equal(["Scarlet Begonias", "Fire on the Mountain"], segments);
        Assert.False(seguesIntoNext);
    }

    [Fact]
    public void Splits_a_medley_in_order()
    {
        var segments = TitleNormalizer.SplitSegments("Help on the Way -> Slipknot! -> Franklin's Tower", out var seguesIntoNext);

        Assert.Equal(["Help on the Way", "Slipknot!", "Franklin's Tower"], segments);
        Assert.False(seguesIntoNext);
    }

    [Theory]
    [InlineData("Dark Star ->", "Dark Star")]
    [InlineData("Dark Star>", "Dark Star")]
    [InlineData("Dark Star -->", "Dark Star")]
    [InlineData("Franklin's Tower -&gt;", "Franklin's Tower")]
    [InlineData("All Along The Watchtower ->*", "All Along The Watchtower")]
    [InlineData("Up on the Hill Where They Do the Boogie > $ *", "Up on the Hill Where They Do the Boogie")]
    public void A_trailing_marker_means_the_track_segues_into_the_next(string raw, string segment)
    {
        var segments = TitleNormalizer.SplitSegments(raw, out var seguesIntoNext);

        Assert.Equal([segment], segments);
        Assert.True(seguesIntoNext);
    }

    [Theory]
    [InlineData("Peggy-O")]
    [InlineData("Jack-A-Roe")]
    [InlineData("Mississippi Half-Step Uptown Toodeloo")]
    [InlineData("crowd - tuning")]
    [InlineData("Viola Lee Blues #2 verses 1 & 2 - aborted -")]
    [InlineData("Morning Dew **(MTX->AUD)")]
    [InlineData("Dark Star [-> partial]")]
    public void Hyphens_and_markers_inside_brackets_do_not_split(string raw)
    {
        var segments = TitleNormalizer.SplitSegments(raw, out var seguesIntoNext);

        Assert.Equal([raw], segments);
        Assert.False(seguesIntoNext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    public void A_title_without_words_has_no_segments(string raw)
    {
        Assert.Empty(TitleNormalizer.SplitSegments(raw, out var seguesIntoNext));
        Assert.False(seguesIntoNext);
    }
}
