using System.Text.Json;

namespace ArchiveImport.Testing;

/// <summary>Reads recorded <c>/metadata/{identifier}</c> responses from a fixtures directory.</summary>
internal static class FixtureLoader
{
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org");

    public static void LoadInto(ItemCatalog catalog, string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"archive.org fixtures directory not found: {directory}");
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith("search-", StringComparison.Ordinal))
            {
                continue;
            }

            var body = File.ReadAllBytes(path);
            using var document = Parse(path, body);
            var root = document.RootElement;
            if (!IsMetadataResponse(root))
            {
                continue;
            }

            var item = ArchiveItem.FromBody(IdentifierOf(root, path), root, body);
            catalog.Put(item, CollectionsOf(item));
        }
    }

    private static JsonDocument Parse(string path, byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"archive.org fixture is not valid JSON: {path}", e);
        }
    }

    private static bool IsMetadataResponse(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            || root.TryGetProperty("files", out _));

    private static string IdentifierOf(JsonElement root, string path) =>
        root.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("identifier", out var identifier)
        && identifier.ValueKind == JsonValueKind.String
            ? identifier.GetString()!
            : Path.GetFileNameWithoutExtension(path);

    // archive.org sends "collection" as a string for single membership and as an array
    // (sometimes with duplicates) otherwise.
    private static IEnumerable<string> CollectionsOf(ArchiveItem item)
    {
        if (!item.TryGetField("collection", out var collection))
        {
            return [];
        }

        return collection.ValueKind switch
        {
            JsonValueKind.String => [collection.GetString()!],
            JsonValueKind.Array => collection.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .Distinct(StringComparer.Ordinal)
                .ToArray(),
            _ => [],
        };
    }
}
