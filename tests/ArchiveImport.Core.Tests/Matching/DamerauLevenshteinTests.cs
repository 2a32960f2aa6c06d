using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class DamerauLevenshteinTests
{
    [Theory]
    [InlineData("big railroad blues", "big railroad blues", 0)]
    [InlineData("big railraod blues", "big railroad blues", 1)]   // transposition
    [InlineData("slipnot", "slipknot", 1)]                         // deletion
    [InlineData("wake up little suzie", "wake up little susie", 1)] // substitution
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("ca", "abc", 3)]                                   // optimal string alignment, not unrestricted
    [InlineData("kitten", "sitting", 3)]
    public void Counts_edits(string a, string b, int expected) =>
        Assert.Equal(expected, DamerauLevenshtein.Distance(a, b, maxDistance: 10));

    [Theory]
    [InlineData("kitten", "sitting", 2)]
    [InlineData("dark star", "dark star jam extended", 3)]
    [InlineData("abcdef", "badcfe", 2)]
    public void Gives_up_beyond_the_bound(string a, string b, int bound) =>
        Assert.Equal(int.MaxValue, DamerauLevenshtein.Distance(a, b, bound));

    [Fact]
    public void Works_for_keys_longer_than_the_stack_buffer()
    {
        var a = new string('a', 300);
        var b = new string('a', 299) + "b";

        Assert.Equal(1, DamerauLevenshtein.Distance(a, b, 2));
    }
}
