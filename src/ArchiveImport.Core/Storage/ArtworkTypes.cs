namespace ArchiveImport.Core.Storage;

/// <summary>Which rule of Get-ArchiveArtwork chose a recording's image, in the order they are tried.</summary>
public enum ArtworkRule
{
    /// <summary>The operator's override (Set-ArchiveArtworkOverride).</summary>
    Override,

    /// <summary>An original image file of the archive.org item itself (a front cover first).</summary>
    ItemImage,

    /// <summary>The cover of the studio album (from the artist config) of the recording's first song.</summary>
    StudioAlbum,

    /// <summary>No rule found an image.</summary>
    None,
}

/// <summary>A recording's artwork and the rule that chose it.</summary>
public sealed class ArtworkResult
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    public ArtworkRule Rule { get; init; }

    /// <summary>The image's address; null when <see cref="Rule"/> is None.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>Why this image: the override's note, the item's file name, or the album and the song that led to it.</summary>
    public string? Detail { get; init; }
}

/// <summary>An operator's artwork for one recording (archivedotorg_artwork_overrides).</summary>
public sealed class ArtworkOverride
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    public string ImageUrl { get; init; } = "";
    public string? Note { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>What the catalog knows of a recording for choosing its artwork: everything but its item's own image files.</summary>
public sealed record ArtworkFacts(
    string Artist, string Identifier, ArtworkOverride? Override, string? FirstSong, string? AlbumTitle, int? AlbumYear, string? AlbumCover);
