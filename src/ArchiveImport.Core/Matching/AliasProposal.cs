namespace ArchiveImport.Core.Matching;

/// <summary>A song an unmatched title is likely to be, what kind of likeness it is, and why, in words for an operator.</summary>
public sealed record AliasProposal(SongRef Song, AliasKind Kind, string Reason);
