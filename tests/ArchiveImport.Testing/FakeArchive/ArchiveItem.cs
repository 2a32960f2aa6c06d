using System.Text.Json;

namespace ArchiveImport.Testing;

/// <summary>What the fake serves for one identifier: the raw body, and its metadata object when the body has one.</summary>
internal sealed class ArchiveItem
{
    private ArchiveItem(string identifier, byte[] body, JsonElement? metadata)
    {
        Identifier = identifier;
        Body = body;
        Metadata = metadata;
    }

    public string Identifier { get; }

    public byte[] Body { get; }

    /// <summary>The top-level <c>metadata</c> object; null when the body is not JSON or has none.</summary>
    public JsonElement? Metadata { get; }

    public static ArchiveItem FromBody(string identifier, byte[] body) =>
        new(identifier, body, TryReadMetadata(body));

    public static ArchiveItem FromBody(string identifier, JsonElement root, byte[] body) =>
        new(identifier, body, MetadataOf(root));

    /// <summary>The value of <paramref name="field"/> in the metadata object, when present.</summary>
    public bool TryGetField(string field, out JsonElement value)
    {
        if (Metadata is { } metadata && metadata.TryGetProperty(field, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    // Tests add deliberately broken bodies (invalid JSON, arrays, dark items); they are served
    // as is and simply contribute no fields to scrape results.
    private static JsonElement? TryReadMetadata(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return MetadataOf(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? MetadataOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
            ? metadata.Clone()
            : null;
}
