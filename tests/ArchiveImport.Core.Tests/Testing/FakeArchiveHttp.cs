using System.Text.Json;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Testing;

/// <summary>Small request helpers shared by the fake archive.org tests.</summary>
internal static class FakeArchiveHttp
{
    public static string FixturePath(string fileName) =>
        Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", fileName);

    public static string MetadataPath(string identifier) => "metadata/" + Uri.EscapeDataString(identifier);

    public static string ScrapePath(string query, int? count = null, string? cursor = null, string? fields = null)
    {
        var parameters = new List<string> { "q=" + Uri.EscapeDataString(query) };
        if (fields is not null)
        {
            parameters.Add("fields=" + Uri.EscapeDataString(fields));
        }

        if (count is not null)
        {
            parameters.Add("count=" + count.Value);
        }

        if (cursor is not null)
        {
            parameters.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        return "services/search/v1/scrape?" + string.Join('&', parameters);
    }

    public static HttpClient ClientFor(FakeArchiveOrg fake, TimeSpan? timeout = null) => new()
    {
        BaseAddress = fake.BaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.Clone();
    }

    public static string[] Identifiers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("identifier").GetString()!).ToArray();

    public static bool IsValidJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
