namespace ArchiveImport.Core.Matching;

/// <summary>How a whole track counts: matched when all its songs are, unmatched when any is not, ignored when it is no song.</summary>
public enum TrackOutcome
{
    Matched,
    Unmatched,
    Ignored,
}

public static class TrackOutcomes
{
    public static TrackOutcome Of(TitleMatch match)
    {
        if (match.Segments.Any(s => s.Method is MatchMethod.Unmatched or MatchMethod.Ambiguous))
        {
            return TrackOutcome.Unmatched;
        }

        return match.Segments.Any(s => s.Method is MatchMethod.Exact or MatchMethod.Alias or MatchMethod.Phonetic or MatchMethod.Partial)
            ? TrackOutcome.Matched
            : TrackOutcome.Ignored;
    }
}
