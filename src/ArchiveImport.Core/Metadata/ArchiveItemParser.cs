using System.Buffers;
using System.Text.Json;

namespace ArchiveImport.Core.Metadata;

/// <summary>Reads an archive.org <c>/metadata/{identifier}</c> response into a <see cref="Show"/>.</summary>
public static class ArchiveItemParser
{
    /// <summary>Parses one metadata response.</summary>
    /// <param name="identifier">The archive.org identifier the response was requested for.</param>
    /// <param name="utf8Json">The response body as UTF-8.</param>
    /// <returns>The show, or the reason the item is not an importable recording.</returns>
    /// <exception cref="ArchiveItemFormatException">The body is not a JSON object (invalid, truncated or another JSON value).</exception>
    public static ParsedItem Parse(string identifier, ReadOnlySpan<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(identifier);

        // JsonDocument keeps using the bytes it parses. Copying the span into a pooled buffer lets it parse them once;
        // JsonDocument.ParseValue on a span reader would validate, copy and parse again.
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(buffer);
            using var document = ReadDocument(identifier, buffer.AsMemory(0, utf8Json.Length));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArchiveItemFormatException(
                    $"archive.org metadata for '{identifier}' is not a JSON object: the response is a JSON {root.ValueKind}.");
            }

            return Interpret(identifier, root);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ParsedItem Interpret(string identifier, JsonElement root)
    {
        // archive.org answers an unknown identifier with "{}" rather than 404.
        if (root.GetPropertyCount() == 0)
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.EmptyResponse);
        }

        if (JsonValueReader.ReadFlag(root, "is_dark"))
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.Dark);
        }

        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.NoMetadata);
        }

        if (JsonValueReader.ReadFlag(root, "is_collection")
            || string.Equals(JsonValueReader.ReadString(metadata, "mediatype"), "collection", StringComparison.OrdinalIgnoreCase))
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.Collection);
        }

        if (!root.TryGetProperty("files", out var filesElement)
            || filesElement.ValueKind != JsonValueKind.Array
            || filesElement.GetArrayLength() == 0)
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.NoFiles);
        }

        var files = new ItemFiles(ReadFiles(filesElement));
        if (AudioFormatSelector.Select(files) is not { } trackFiles)
        {
            return ParsedItem.NotImportable(identifier, NotImportableReasons.NoAudioTracks);
        }

        var show = new Show(
            identifier,
            JsonValueReader.ReadString(metadata, "title"),
            ShowDateParser.Parse(JsonValueReader.ReadString(metadata, "date"), identifier),
            JsonValueReader.ReadString(metadata, "venue"),
            JsonValueReader.ReadString(metadata, "coverage"),
            JsonValueReader.ReadString(metadata, "source"),
            JsonValueReader.ReadString(metadata, "taper"),
            JsonValueReader.ReadString(metadata, "lineage"),
            trackFiles.Format.Name,
            TrackListBuilder.Build(trackFiles, files))
        {
            SourceType = SourceType.Classify(
                identifier, JsonValueReader.ReadString(metadata, "source"), JsonValueReader.ReadString(metadata, "lineage")),
            Transferer = JsonValueReader.ReadString(metadata, "transferer"),
        };
        return ParsedItem.Importable(ItemPopularity.Read(root, metadata).ApplyTo(show));
    }

    private static List<ArchiveFile> ReadFiles(JsonElement filesElement)
    {
        var files = new List<ArchiveFile>(filesElement.GetArrayLength());
        foreach (var entry in filesElement.EnumerateArray())
        {
            if (ArchiveFile.FromJson(entry) is { } file)
            {
                files.Add(file);
            }
        }

        return files;
    }

    private static JsonDocument ReadDocument(string identifier, ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        try
        {
            return JsonDocument.Parse(utf8Json);
        }
        catch (JsonException exception)
        {
            // The reader reports 0-based positions; operators count from 1.
            var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? $" at line {line + 1}, byte {column + 1}"
                : string.Empty;
            throw new ArchiveItemFormatException(
                $"archive.org metadata for '{identifier}' is not valid JSON{where}: {exception.Message}",
                exception);
        }
    }
}
