using System.Text.Json;

namespace ArchiveImport.Core.Metadata;

/// <summary>The fields of one entry of an item's <c>files</c> list that the importer uses.</summary>
/// <param name="Original">For a derivative, the name of the file it was made from.</param>
internal sealed record ArchiveFile(
    string Name,
    string? Format,
    string? Title,
    string? Track,
    string? Length,
    string? Original)
{
    /// <summary>Reads a file entry, or returns null when it is not an object with a name.</summary>
    public static ArchiveFile? FromJson(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? name = null, format = null, title = null, track = null, length = null, original = null;

        // One pass over the properties instead of a lookup per field, comparing names as UTF-8 so no name string is
        // allocated: items list hundreds of files.
        foreach (var property in entry.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("name"u8))
            {
                name = JsonValueReader.ReadString(value);
            }
            else if (property.NameEquals("format"u8))
            {
                format = JsonValueReader.ReadString(value);
            }
            else if (property.NameEquals("title"u8))
            {
                title = JsonValueReader.ReadString(value);
            }
            else if (property.NameEquals("track"u8))
            {
                track = JsonValueReader.ReadString(value);
            }
            else if (property.NameEquals("length"u8))
            {
                length = JsonValueReader.ReadString(value);
            }
            else if (property.NameEquals("original"u8))
            {
                original = JsonValueReader.ReadString(value);
            }
        }

        return name is null ? null : new ArchiveFile(name, format, title, track, length, original);
    }
}
