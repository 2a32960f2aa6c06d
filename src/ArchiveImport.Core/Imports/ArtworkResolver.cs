using System.Text.Json;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>
/// Chooses a recording's artwork: the operator's override, else the item's own image file, else the cover of the studio
/// album of its first song, else none, and says which rule chose it. The item's files are read from its metadata body
/// where populate reads it (loose file, the artist's zip, the catalog's copy), so no request goes to archive.org.
/// It sits here, beside that reader, rather than in Storage.
/// </summary>
public sealed class ArtworkResolver
{
    private readonly ArchiveServices services;
    private readonly ArchiveLinks links;
    private readonly Action<string> warn;
    private readonly ShowMetadataReader bodies;

    /// <param name="warn">Told when an item's metadata cannot be read, and the next rule is tried instead.</param>
    public ArtworkResolver(ArchiveServices services, Action<string> verbose, Action<string> warn)
    {
        this.services = services;
        this.warn = warn;
        links = new ArchiveLinks(services.Settings.ArchiveUrl);
        bodies = new ShowMetadataReader(services, verbose);
    }

    /// <summary>The recording's artwork; null when the catalog has no such recording.</summary>
    public ArtworkResult? Resolve(string identifier)
    {
        if (services.Artwork.Facts(identifier) is not { } facts)
        {
            return null;
        }

        if (facts.Override is { } chosen)
        {
            return Result(facts, ArtworkRule.Override, chosen.ImageUrl, chosen.Note ?? "set by an operator");
        }

        if (ItemImagePath(facts) is { } path)
        {
            return Result(facts, ArtworkRule.ItemImage, links.Download(identifier, path), path);
        }

        if (facts.AlbumCover is { } cover)
        {
            return Result(facts, ArtworkRule.StudioAlbum, cover, $"{facts.AlbumTitle} ({facts.AlbumYear}), for {facts.FirstSong}");
        }

        return Result(facts, ArtworkRule.None, null,
            facts.FirstSong is null ? "no image file and no matched song" : $"no image file; {facts.FirstSong} is on no studio album");
    }

    /// <summary>Every override of these artists' recordings, as the artwork they choose.</summary>
    public IEnumerable<ArtworkResult> Overrides(IReadOnlyList<string> artists) =>
        services.Artwork.ForArtists(artists).Select(chosen => new ArtworkResult
        {
            Artist = chosen.Artist, Identifier = chosen.Identifier, Rule = ArtworkRule.Override, ImageUrl = chosen.ImageUrl,
            Detail = chosen.Note ?? "set by an operator",
        });

    private string? ItemImagePath(ArtworkFacts facts)
    {
        try
        {
            var row = services.ShowMetadata.Get(facts.Identifier);
            return row is null ? null : ItemImage.Find(bodies.Read(facts.Artist, row));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            warn($"Could not read the metadata of '{facts.Identifier}' ({ex.Message}), so its own image files were not looked at. " +
                 "Run Invoke-ArchiveDownload -Artist '" + facts.Artist + "' to fetch it again.");
            return null;
        }
    }

    private static ArtworkResult Result(ArtworkFacts facts, ArtworkRule rule, string? imageUrl, string detail) => new()
    {
        Artist = facts.Artist, Identifier = facts.Identifier, Rule = rule, ImageUrl = imageUrl, Detail = detail,
    };
}
