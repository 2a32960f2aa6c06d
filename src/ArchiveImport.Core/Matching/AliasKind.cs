namespace ArchiveImport.Core.Matching;

/// <summary>What an unmatched title most likely is, judged from the artist's own song names.</summary>
public enum AliasKind
{
    /// <summary>The song's name without its first words ("Midnight Hour"), where more than this title's evidence was needed to match it.</summary>
    LeadingWordsDropped,

    /// <summary>The song's name without its last words ("China Cat").</summary>
    TrailingWordsDropped,

    /// <summary>The initials of the song's name ("YEM").</summary>
    Initials,

    /// <summary>Shares its telling words with one song's name and no other's: a nickname ("Women Are Smarter", "Hood").</summary>
    Nickname,

    /// <summary>Spelled within an edit or two of the song's name.</summary>
    Misspelling,

    /// <summary>Sounds like the song's name.</summary>
    SoundsLike,

    /// <summary>Sounds like several songs; the first is proposed, the others are named in the reason.</summary>
    Ambiguous,
}
