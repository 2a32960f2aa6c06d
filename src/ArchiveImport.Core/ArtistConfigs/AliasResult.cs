namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>One alias requested by Add-ArchiveTrackAlias, and what became of it.</summary>
public sealed class AliasResult
{
    public string Artist { get; init; } = "";
    public string Song { get; init; } = "";
    public string Alias { get; init; } = "";

    /// <summary>False when the song already had this alias.</summary>
    public bool Added { get; init; }

    public string ConfigPath { get; init; } = "";

    /// <summary>Unmatched titles this alias resolved (were unresolved and now are resolved): 0 or 1.</summary>
    public int Resolved { get; init; }
}
