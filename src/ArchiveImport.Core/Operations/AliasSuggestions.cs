using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// An alias proposed for one of an artist's unmatched titles. <see cref="Artist"/>, <see cref="Song"/> and
/// <see cref="Alias"/> are what Add-ArchiveTrackAlias binds by property name.
/// </summary>
public sealed class AliasSuggestion
{
    public string Artist { get; init; } = "";

    /// <summary>The candidate song's key.</summary>
    public string Song { get; init; } = "";

    public string SongName { get; init; } = "";

    /// <summary>The normalised title, as archivedotorg_unmatched_track keys it.</summary>
    public string Alias { get; init; } = "";

    /// <summary>The title as a show spelled it.</summary>
    public string TrackName { get; init; } = "";

    public int Occurrences { get; init; }

    public AliasKind Kind { get; init; }

    /// <summary>Why this song, in words.</summary>
    public string Reason { get; init; } = "";
}

/// <summary>Turns an artist's unresolved unmatched titles into alias proposals, grouped by kind, the most frequent first.</summary>
public sealed class AliasSuggestions(ArchiveServices services)
{
    /// <summary>The artists that have unresolved unmatched titles, to curate when none is named.</summary>
    public IReadOnlyList<string> ArtistsWithUnmatchedTitles() =>
        services.Catalog.Unmatched(null, null, includeResolved: false).Select(title => title.Artist).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>One proposal per unmatched title that points at a song; titles that point nowhere are left to Get-ArchiveUnmatched.</summary>
    public IReadOnlyList<AliasSuggestion> For(string artist)
    {
        var config = services.RequireArtist(artist);
        var proposer = new AliasProposer(config, new TrackMatcher(config));
        var suggestions = new List<AliasSuggestion>();
        foreach (var title in services.Catalog.Unmatched([config.Name], null, includeResolved: false))
        {
            if (proposer.Propose(title.TrackName) is { } proposal)
            {
                suggestions.Add(new AliasSuggestion
                {
                    Artist = config.Name, Song = proposal.Song.Key, SongName = proposal.Song.Name, Alias = title.NormalizedName,
                    TrackName = title.TrackName, Occurrences = title.Occurrences, Kind = proposal.Kind, Reason = proposal.Reason,
                });
            }
        }

        return suggestions.OrderBy(s => s.Kind).ThenByDescending(s => s.Occurrences).ThenBy(s => s.Alias, StringComparer.Ordinal).ToList();
    }
}
