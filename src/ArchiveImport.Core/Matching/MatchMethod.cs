namespace ArchiveImport.Core.Matching;

/// <summary>How a segment of a raw track title was resolved.</summary>
public enum MatchMethod
{
    /// <summary>The normalised text is the normalised name of exactly one song.</summary>
    Exact,

    /// <summary>The normalised text is a curated alias of exactly one song.</summary>
    Alias,

    /// <summary>Matched by sound rather than spelling (reserved for the phonetic matcher).</summary>
    Phonetic,

    /// <summary>Not a song: tuning, crowd, banter and the like.</summary>
    Ignored,

    /// <summary>No song matched; <see cref="SegmentMatch.Suggestion"/> may hold a close spelling.</summary>
    Unmatched,

    /// <summary>The text matches several songs equally well, so none was chosen.</summary>
    Ambiguous,

    /// <summary>The text is the name of exactly one song without its first words ("Midnight Hour"), and nothing else fits.</summary>
    Partial,
}
