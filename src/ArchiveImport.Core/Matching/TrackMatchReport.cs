namespace ArchiveImport.Core.Matching;

/// <summary>
/// What the matcher would do with one raw title, for an operator: the songs in order, how it was decided, whether it
/// segues into the next track, and what to suggest when no song was decided.
/// </summary>
public sealed class TrackMatchReport
{
    public string Artist { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>The songs in the order played, joined by " > " (one string, so it exports to CSV as it reads).</summary>
    public string Songs { get; init; } = "";

    /// <summary>How the title was decided: a <see cref="MatchMethod"/> name (exported as the word, not a number).</summary>
    public string Method { get; init; } = "";
    public bool Segue { get; init; }

    /// <summary>Scored suggestions when no song was decided, joined by "; ".</summary>
    public string Suggestions { get; init; } = "";

    /// <summary>Each segment's full decision, for scripts that need more than the flat columns.</summary>
    public IReadOnlyList<SegmentMatch> Segments { get; init; } = [];

    public static TrackMatchReport From(string artist, TitleMatch match) => new()
    {
        Artist = artist,
        Title = match.RawTitle,
        Songs = string.Join(" > ", match.Segments.Where(s => s.Song is not null).Select(s => s.Song!.Name)),
        Method = Overall(match.Segments).ToString(),
        Segue = match.SeguesIntoNext,
        Suggestions = string.Join("; ", match.Segments.SelectMany(s => s.Suggestions)
            .Select(s => $"{s.Song.Name} ({s.Score:0.00}, {s.Basis.ToString().ToLowerInvariant()})").Distinct()),
        Segments = match.Segments,
    };

    /// <summary>The weakest decision among the segments: one unmatched song makes the title unmatched.</summary>
    private static MatchMethod Overall(IReadOnlyList<SegmentMatch> segments)
    {
        if (segments.Count == 0)
        {
            return MatchMethod.Unmatched;
        }

        foreach (var weakest in new[] { MatchMethod.Unmatched, MatchMethod.Ambiguous, MatchMethod.Phonetic, MatchMethod.Alias, MatchMethod.Exact })
        {
            if (segments.Any(s => s.Method == weakest))
            {
                return weakest;
            }
        }

        return MatchMethod.Ignored;
    }
}
