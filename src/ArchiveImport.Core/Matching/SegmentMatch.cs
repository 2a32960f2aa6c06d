namespace ArchiveImport.Core.Matching;

/// <summary>
/// The result for one song-sized piece of a title (titles such as "Scarlet > Fire" hold several).
/// <see cref="Song"/> is set only for automatic matches. <see cref="Suggestions"/> holds, best first, the songs an
/// <see cref="MatchMethod.Unmatched"/> title may be, or every candidate of an <see cref="MatchMethod.Ambiguous"/> one.
/// </summary>
public sealed record SegmentMatch(
    string RawText,
    string NormalizedText,
    MatchMethod Method,
    SongRef? Song,
    IReadOnlyList<SongSuggestion> Suggestions)
{
    /// <summary>The single best suggestion, or null when there is none or the best ones tie.</summary>
    public SongRef? Suggestion =>
        Suggestions.Count == 1 || (Suggestions.Count > 1 && Suggestions[0].Score > Suggestions[1].Score) ? Suggestions[0].Song : null;

    public bool Equals(SegmentMatch? other) =>
        other is not null && RawText == other.RawText && NormalizedText == other.NormalizedText && Method == other.Method &&
        Song == other.Song && Suggestions.SequenceEqual(other.Suggestions);

    public override int GetHashCode() => HashCode.Combine(RawText, NormalizedText, Method, Song, Suggestions.Count);
}
