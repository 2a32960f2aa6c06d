using System.Text.Json;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// The image an archive.org item carries of its own: among the files its uploader put there (<c>source: original</c>)
/// in an image format, the first whose path names a front, cover or folder image and not a back one, else the first.
/// archive.org's own files never count: its spectrograms and tiles are derivatives, and <c>__ia_thumb.jpg</c> (format
/// "Item Tile") is generated from whatever the item holds.
/// </summary>
public static class ItemImage
{
    private static readonly string[] ImageFormats = ["JPEG", "PNG", "GIF", "Animated GIF", "TIFF", "BMP", "Animated PNG", "WebP"];
    private static readonly string[] FrontWords = ["front", "cover", "folder"];

    /// <summary>The path (within the item) of its image, or null when it has none; null too for a body that is not an item's metadata.</summary>
    public static string? Find(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var images = files.EnumerateArray().Where(IsOriginalImage).Select(file => JsonValueReader.ReadString(file, "name")!).ToList();
        return images.FirstOrDefault(IsFront) ?? images.FirstOrDefault();
    }

    private static bool IsOriginalImage(JsonElement file) =>
        file.ValueKind == JsonValueKind.Object
        && JsonValueReader.ReadString(file, "name") is { } name
        && !name.EndsWith("__ia_thumb.jpg", StringComparison.OrdinalIgnoreCase)
        && string.Equals(JsonValueReader.ReadString(file, "source"), "original", StringComparison.OrdinalIgnoreCase)
        && JsonValueReader.ReadString(file, "format") is { } format
        && ImageFormats.Contains(format, StringComparer.OrdinalIgnoreCase);

    private static bool IsFront(string path) =>
        FrontWords.Any(word => path.Contains(word, StringComparison.OrdinalIgnoreCase))
        && !path.Contains("back", StringComparison.OrdinalIgnoreCase);
}
