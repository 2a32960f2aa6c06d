using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ArchiveImport.Testing;

/// <summary>Answers <c>/services/search/v1/scrape</c> from the catalog's collections.</summary>
internal sealed class ScrapeEndpoint(ItemCatalog catalog)
{
    public const string Path = "/services/search/v1/scrape";

    // The real API refuses smaller pages and defaults to this size.
    private const int MinimumCount = 100;
    private const int DefaultCount = 5000;

    /// <param name="cursorCycle">When 2 or more, the cursor after page n - 1 (0-based) is the one after page 0 again.</param>
    public FakeResponse Answer(IQueryCollection query, bool stuckCursor, int cursorCycle = 0)
    {
        if (!CollectionClause.TryParse(query["q"], out var collection))
        {
            return FakeResponse.Error(400, "q must contain a collection: clause (the fake archive.org only lists collections)");
        }

        if (!TryReadCount(query["count"], out var count))
        {
            return FakeResponse.Error(400, "count must be an integer");
        }

        if (count < MinimumCount)
        {
            return FakeResponse.Error(400, "count must be at least 100");
        }

        var offset = 0;
        var cursor = query["cursor"].ToString();
        if (cursor.Length > 0 && !ScrapeCursor.TryDecode(cursor, out offset))
        {
            return FakeResponse.Error(400, "invalid cursor");
        }

        if (stuckCursor)
        {
            offset = 0;
        }

        var identifiers = catalog.ListCollection(collection);
        var remaining = identifiers.Skip(offset).ToList();
        var page = remaining.Take(count).ToList();
        var hasMore = remaining.Count > page.Count;
        var nextCursor = stuckCursor || hasMore ? ScrapeCursor.Encode(offset + count) : null;
        if (cursorCycle >= 2)
        {
            var next = offset / count + 1;
            nextCursor = ScrapeCursor.Encode((next >= cursorCycle ? 1 : next) * count);
        }

        return FakeResponse.Json(200, WritePage(page, RequestedFields(query["fields"]), remaining.Count, nextCursor));
    }

    private static bool TryReadCount(string? text, out int count)
    {
        if (string.IsNullOrEmpty(text))
        {
            count = DefaultCount;
            return true;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count);
    }

    private static string[] RequestedFields(string? fields) =>
        (fields ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => f != "identifier")
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private byte[] WritePage(List<string> identifiers, string[] fields, int total, string? cursor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var identifier in identifiers)
            {
                WriteItem(writer, identifier, fields);
            }

            writer.WriteEndArray();
            writer.WriteNumber("count", identifiers.Count);
            writer.WriteNumber("total", total);
            if (cursor is not null)
            {
                writer.WriteString("cursor", cursor);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void WriteItem(Utf8JsonWriter writer, string identifier, string[] fields)
    {
        writer.WriteStartObject();
        writer.WriteString("identifier", identifier);
        var item = catalog.Find(identifier);
        foreach (var field in fields)
        {
            if (item is not null && item.TryGetField(field, out var value))
            {
                writer.WritePropertyName(field);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
