namespace ArchiveImport.Core.Metadata;

/// <summary>The outcome of parsing one item: either a show, or the reason it cannot be imported.</summary>
public sealed record ParsedItem(string Identifier, Show? Show, string? NotImportableReason)
{
    public bool IsImportable => Show is not null;

    internal static ParsedItem Importable(Show show) => new(show.Identifier, show, null);

    internal static ParsedItem NotImportable(string identifier, string reason) => new(identifier, null, reason);
}
