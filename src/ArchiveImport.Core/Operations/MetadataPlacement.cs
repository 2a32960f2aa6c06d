using System.Text.Json;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Which artist a flat metadata file belongs to: the catalog's word first (the show's archivedotorg_show_metadata row),
/// else the item's own metadata — an artist config whose collection is among the item's collections, else one whose
/// name is the item's creator. Null when neither says.
/// </summary>
internal sealed class MetadataPlacement
{
    private readonly ArchiveServices services;
    private readonly Dictionary<int, string> artistNames;
    private readonly IReadOnlyList<ArtistConfig> configs;

    public MetadataPlacement(ArchiveServices services)
    {
        this.services = services;
        artistNames = services.Artists.All().ToDictionary(a => a.Id, a => a.Name);
        configs = services.ArtistConfigs.Survey().Usable;
    }

    public (string? Artist, string Why) ArtistOf(string identifier, string path)
    {
        if (services.ShowMetadata.Get(identifier) is { } row && artistNames.TryGetValue(row.ArtistId, out var known))
        {
            return (known, "the catalog");
        }

        var (collections, creator) = ReadItem(path);
        if (configs.FirstOrDefault(c => collections.Contains(c.Collection, StringComparer.OrdinalIgnoreCase)) is { } byCollection)
        {
            return (byCollection.Name, $"its collection {byCollection.Collection}");
        }

        if (creator is not null && configs.FirstOrDefault(c => c.Name.Equals(creator.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byCreator)
        {
            return (byCreator.Name, $"its creator {creator}");
        }

        var said = collections.Count == 0 && creator is null
            ? "it names no collection or creator"
            : $"no artist config has its collection ({string.Join(", ", collections.Distinct())}) or its creator ({creator ?? "none"})";
        return (null, $"the catalog has no row for {identifier} and {said}");
    }

    private static (IReadOnlyList<string> Collections, string? Creator) ReadItem(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                return ([], null);
            }

            return (Strings(metadata, "collection"), Strings(metadata, "creator").FirstOrDefault());
        }
        catch (JsonException)
        {
            return ([], null);
        }
    }

    private static List<string> Strings(JsonElement metadata, string name) =>
        !metadata.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
        : [];
}
