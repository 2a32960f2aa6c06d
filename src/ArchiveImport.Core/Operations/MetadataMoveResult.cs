namespace ArchiveImport.Core.Operations;

public enum MetadataMoveOutcome
{
    /// <summary>Copied to its artist folder, verified, recorded in the catalog, and its source removed.</summary>
    Moved,

    /// <summary>Its artist folder already held the same bytes; the catalog points there and the flat copy is gone.</summary>
    AlreadyInPlace,

    /// <summary>Neither the catalog nor the item says whose it is; left where it is.</summary>
    Unplaced,

    /// <summary>Its artist folder holds a different file of the same name; both are kept.</summary>
    Conflict,

    /// <summary>Not moved this time: -WhatIf, a declined confirmation, or its artist's import lock was held.</summary>
    NotMoved,

    /// <summary>It could not be moved (it changed or vanished since the journal, or the disk failed); nothing was lost.</summary>
    Failed,
}

/// <summary>One flat file: where it was, the artist and place it belongs, what happened, and why when it is a problem (null otherwise).</summary>
public sealed record MetadataMoveItem(string Identifier, string Source, string? Artist, string? Target, MetadataMoveOutcome Outcome, string? Reason);

/// <summary>
/// The no-loss proof: the files the journal recorded before anything moved, and the same files found afterwards
/// where each outcome says it is. The combined SHA-256 is of every file's SHA-256 and size, sorted, so it is equal
/// before and after exactly when every file is present once with its bytes.
/// </summary>
public sealed record MetadataMoveProof(int FilesBefore, long BytesBefore, string Sha256Before, int FilesAfter, long BytesAfter, string Sha256After)
{
    public bool Verified => FilesBefore == FilesAfter && BytesBefore == BytesAfter && Sha256Before == Sha256After;
}

/// <summary>What Move-ArchiveMetadata did to a flat folder, with its proof that nothing was lost.</summary>
public sealed record MetadataMoveResult(
    string Path,
    bool Resumed,
    IReadOnlyList<MetadataMoveItem> Items,
    MetadataMoveProof Proof)
{
    public int Files => Items.Count;
    public int Moved => Count(MetadataMoveOutcome.Moved);
    public int AlreadyInPlace => Count(MetadataMoveOutcome.AlreadyInPlace);
    public int Unplaced => Count(MetadataMoveOutcome.Unplaced);
    public int Conflicts => Count(MetadataMoveOutcome.Conflict);
    public int NotMoved => Count(MetadataMoveOutcome.NotMoved) + Count(MetadataMoveOutcome.Failed);
    public bool Verified => Proof.Verified;

    private int Count(MetadataMoveOutcome outcome) => Items.Count(i => i.Outcome == outcome);
}
