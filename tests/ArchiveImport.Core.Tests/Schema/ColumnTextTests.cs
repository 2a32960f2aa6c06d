using ArchiveImport.Core.Schema;

namespace ArchiveImport.Core.Tests.Schema;

public sealed class ColumnTextTests
{
    [Fact]
    public void Text_that_fits_is_kept_as_it_is()
    {
        Assert.Null(ColumnText.Clip(null, 5));
        Assert.Equal("abcde", ColumnText.Clip("abcde", 5));
        Assert.Equal("abcde", ColumnText.Cut("abcde", 5));
        Assert.True(ColumnText.Fits("abcde", 5));
        Assert.False(ColumnText.Fits("abcdef", 5));
    }

    [Fact]
    public void Free_text_is_clipped_to_the_column_with_an_ellipsis()
    {
        var clipped = ColumnText.Clip(new string('a', 2_000), ColumnLengths.Show.Venue);

        Assert.Equal(ColumnLengths.Show.Venue, clipped!.Length);
        Assert.EndsWith("a\u2026", clipped, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_is_cut_without_an_ellipsis()
    {
        Assert.Equal("abc", ColumnText.Cut("abcdef", 3));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        var text = "ab\U0001F3B8cd"; // a, b, guitar (two UTF-16 units), c, d

        Assert.Equal("ab\u2026", ColumnText.Clip(text, 4)); // the guitar would straddle the cut: it goes whole
        Assert.Equal("ab", ColumnText.Cut(text, 3));
        Assert.Equal("ab\U0001F3B8", ColumnText.Cut(text, 4));
    }
}
