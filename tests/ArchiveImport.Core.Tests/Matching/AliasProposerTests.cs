using ArchiveImport.Core.Matching;
using Xunit;

namespace ArchiveImport.Core.Tests.Matching;

public sealed class AliasProposerTests
{
    private static readonly ArtistConfig Band = new(
        "Proposal Band",
        "ProposalBand",
        [
            Song("yem", "You Enjoy Myself"),
            Song("hood", "Harry Hood"),
            Song("antelope", "Run Like an Antelope"),
            Song("weekapaug", "Weekapaug Groove"),
            Song("man-smart", "Man Smart (Woman Smarter)"),
            Song("little-angel", "Sweet Little Angel"),
            Song("little-anger", "Little Anger"),
            Song("dark-star", "Dark Star"),
            Song("night-rider", "Night Rider"),
            Song("knight-rider", "Knight Rider"),
            Song("star-of-the-show", "Star of the Show"),
            Song("dark-horse", "Dark Horse"),
        ],
        [],
        "proposal-band.yaml");

    private static readonly AliasProposer Proposer = new(Band, new TrackMatcher(Band));

    [Theory]
    [InlineData("Little Angel", "little-angel", AliasKind.LeadingWordsDropped)]
    [InlineData("Weekapaug", "weekapaug", AliasKind.TrailingWordsDropped)]
    [InlineData("YEM", "yem", AliasKind.Initials)]
    [InlineData("Hood", "hood", AliasKind.Nickname)]
    [InlineData("Antelope >", "antelope", AliasKind.Nickname)]
    [InlineData("Women Are Smarter", "man-smart", AliasKind.Nickname)]
    [InlineData("Dark Stat", "dark-star", AliasKind.Misspelling)]
    public void Each_kind_of_title_gets_its_likeliest_song_and_says_why(string title, string key, AliasKind kind)
    {
        var proposal = Proposer.Propose(title);

        Assert.NotNull(proposal);
        Assert.Equal((key, kind), (proposal.Song.Key, proposal.Kind));
        Assert.False(string.IsNullOrWhiteSpace(proposal.Reason));
    }

    [Fact]
    public void An_ambiguous_title_names_every_candidate_in_its_reason()
    {
        var proposal = Proposer.Propose("Nite Rider")!;

        Assert.Equal(AliasKind.Ambiguous, proposal.Kind);
        Assert.Contains(proposal.Song.Key, new[] { "night-rider", "knight-rider" });
        Assert.Contains("'Night Rider'", proposal.Reason);
        Assert.Contains("'Knight Rider'", proposal.Reason);
    }

    [Theory]
    [InlineData("Dark Star")] // matches already
    [InlineData("Tuning")] // not a song
    [InlineData("Dark")] // "dark" is in two names as much: no nickname
    [InlineData("Completely Different Tune")]
    public void Titles_that_match_or_point_nowhere_get_no_proposal(string title) => Assert.Null(Proposer.Propose(title));

    private static SongDefinition Song(string key, string name) => new(key, name, []);
}
