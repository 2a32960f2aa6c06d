namespace ArchiveImport.Core.Matching;

/// <summary>
/// The result for one song-sized piece of a title (titles such as "Scarlet > Fire" hold several).
/// <see cref="Song"/> is set only for automatic matches; <see cref="Suggestion"/> only for
/// <see cref="MatchMethod.Unmatched"/>, as a candidate for a person to confirm.
/// </summary>
public sealed record SegmentMatch(
    string RawText,
    string NormalizedText,
    MatchMethod Method,
    SongRef? Song,
    SongRef? Suggestion);
