using System.Net;
using System.Text.Json;
using ArchiveImport.Testing;
using Xunit;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

public sealed class FakeArchiveOrgScrapeTests : FakeArchiveOrgTestBase
{
    private const string Gd70 = "gd70-10-23.aud.wolfson.15080.sbefail.shnf";
    private const string Gd73 = "gd73-06-10.sbd.hollister.174.sbeok.shnf";

    [Theory]
    [InlineData("collection:GratefulDead")]
    [InlineData("collection:(GratefulDead)")]
    [InlineData("collection:\"GratefulDead\"")]
    [InlineData("collection:(GratefulDead) AND mediatype:etree")]
    [InlineData("mediatype:etree AND collection:GratefulDead")]
    public async Task Lists_fixture_collection_members_for_every_clause_form(string query)
    {
        var page = await GetJsonAsync(Client, ScrapePath(query));

        Assert.Equal([Gd70, Gd73], Identifiers(page));
        Assert.Equal(2, page.GetProperty("count").GetInt32());
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.False(page.TryGetProperty("cursor", out _));
    }

    [Theory]
    [InlineData("etree", new[] { "GratefulDead", Gd70, Gd73, "ymsb2006-07-03.flac16" })]
    [InlineData("prelinger", new[] { "AboutBan1935" })]
    [InlineData("movies", new[] { "nasa" })]
    [InlineData("nasa", new string[0])]
    public async Task Collection_membership_comes_from_string_or_array_metadata_without_duplicates(string collection, string[] expected)
    {
        var page = await GetJsonAsync(Client, ScrapePath($"collection:{collection}"));

        Assert.Equal(expected, Identifiers(page));
    }

    [Fact]
    public async Task Requested_fields_are_copied_from_the_metadata_as_they_are()
    {
        var page = await GetJsonAsync(Client, ScrapePath("collection:GratefulDead", fields: "identifier,date,collection,no_such_field"));

        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("identifier").GetString() == Gd73);
        Assert.Equal("1973-06-10", item.GetProperty("date").GetString());
        Assert.Equal(
            ["GratefulDead", "etree", "etree", "etree", "stream_only", "fav-crazydiamond"],
            item.GetProperty("collection").EnumerateArray().Select(c => c.GetString()));
        Assert.False(item.TryGetProperty("no_such_field", out _));
        Assert.Equal(["identifier", "date", "collection"], item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Identifiers_without_an_item_are_listed_with_the_identifier_only()
    {
        Fake.AddToCollection("ghosts", "ghost-b", "ghost-a");

        var page = await GetJsonAsync(Client, ScrapePath("collection:ghosts", fields: "title,date"));

        Assert.Equal(["ghost-a", "ghost-b"], Identifiers(page));
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Single(i.EnumerateObject()));
    }

    [Fact]
    public async Task AddItem_lists_the_item_in_the_given_collections()
    {
        Fake.AddItem("show-1", """{"metadata":{"identifier":"show-1","title":"Show One"}}""", "TestBand", "etree");

        var page = await GetJsonAsync(Client, ScrapePath("collection:TestBand", fields: "title"));

        Assert.Equal("Show One", page.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Contains("show-1", Identifiers(await GetJsonAsync(Client, ScrapePath("collection:etree"))));
    }

    [Fact]
    public async Task Pages_with_a_cursor_until_the_last_page_which_has_none()
    {
        var identifiers = Enumerable.Range(0, 101).Select(i => $"big-{i:D4}").ToArray();
        Fake.AddToCollection("big", identifiers.Reverse().ToArray());

        var first = await GetJsonAsync(Client, ScrapePath("collection:big", count: 100));
        var cursor = first.GetProperty("cursor").GetString()!;
        var second = await GetJsonAsync(Client, ScrapePath("collection:big", count: 100, cursor: cursor));

        Assert.Equal(100, first.GetProperty("count").GetInt32());
        Assert.Equal(101, first.GetProperty("total").GetInt32());
        Assert.Equal(1, second.GetProperty("count").GetInt32());
        Assert.Equal(1, second.GetProperty("total").GetInt32());
        Assert.False(second.TryGetProperty("cursor", out _));
        Assert.Equal(identifiers, Identifiers(first).Concat(Identifiers(second)));
    }

    [Fact]
    public async Task A_collection_that_fills_its_pages_exactly_ends_without_an_empty_page()
    {
        Fake.AddToCollection("even", Enumerable.Range(0, 200).Select(i => $"even-{i:D4}").ToArray());

        var first = await GetJsonAsync(Client, ScrapePath("collection:even", count: 100));
        var second = await GetJsonAsync(Client, ScrapePath("collection:even", count: 100, cursor: first.GetProperty("cursor").GetString()));

        Assert.Equal(100, Identifiers(second).Length);
        Assert.False(second.TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Count_defaults_to_5000()
    {
        Fake.AddToCollection("large", Enumerable.Range(0, 5001).Select(i => $"large-{i:D5}").ToArray());

        var page = await GetJsonAsync(Client, ScrapePath("collection:large"));

        Assert.Equal(5000, page.GetProperty("count").GetInt32());
        Assert.True(page.TryGetProperty("cursor", out _));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Count_below_100_is_rejected_like_the_real_api(int count)
    {
        using var response = await Client.GetAsync(ScrapePath("collection:etree", count: count));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"count must be at least 100"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("Z2FyYmFnZQ==")]
    public async Task An_unknown_cursor_is_rejected_with_an_error_body(string cursor)
    {
        using var response = await Client.GetAsync(ScrapePath("collection:etree", count: 100, cursor: cursor));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task A_query_without_a_collection_clause_is_rejected()
    {
        using var response = await Client.GetAsync(ScrapePath("mediatype:etree"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StuckCursor_repeats_the_first_page_and_its_cursor()
    {
        Fake.AddToCollection("stuck", Enumerable.Range(0, 150).Select(i => $"stuck-{i:D4}").ToArray());
        Fake.StuckCursor = true;

        var first = await GetJsonAsync(Client, ScrapePath("collection:stuck", count: 100));
        var cursor = first.GetProperty("cursor").GetString();
        var second = await GetJsonAsync(Client, ScrapePath("collection:stuck", count: 100, cursor: cursor));

        Assert.Equal(cursor, second.GetProperty("cursor").GetString());
        Assert.Equal(Identifiers(first), Identifiers(second));
    }
}
