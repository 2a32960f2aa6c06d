namespace ArchiveImport.Core.Matching;

/// <summary>How a suggestion was found.</summary>
public enum SuggestionBasis
{
    /// <summary>Spelled within a small edit distance of the song's name or alias.</summary>
    Spelling,

    /// <summary>Sounds like the song (same or nearly the same Double Metaphone key).</summary>
    Sound,

    /// <summary>
    /// The title is the song's name without some of its first or last words (<see cref="SongSuggestion.Distance"/> of them):
    /// "China Cat" for "China Cat Sunflower".
    /// </summary>
    Words,
}

/// <summary>A song an unmatched or ambiguous title may be, for a person to confirm; never applied automatically.</summary>
/// <param name="Score">1 for a perfect fit, falling with each edit; comparable across suggestions of one title.</param>
public sealed record SongSuggestion(SongRef Song, double Score, SuggestionBasis Basis, int Distance);
