using System.Net;
using ArchiveImport.Testing;
using Xunit;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

public sealed class FakeArchiveOrgMetadataTests : FakeArchiveOrgTestBase
{
    [Theory]
    [InlineData("gd73-06-10.sbd.hollister.174.sbeok.shnf")]
    [InlineData("gd70-10-23.aud.wolfson.15080.sbefail.shnf")]
    [InlineData("ymsb2006-07-03.flac16")]
    [InlineData("nasa")]
    [InlineData("AboutBan1935")]
    [InlineData("GratefulDead")]
    public async Task Serves_each_metadata_fixture_byte_for_byte(string identifier)
    {
        var expected = await File.ReadAllBytesAsync(FixturePath(identifier + ".json"));

        using var response = await Client.GetAsync(MetadataPath(identifier));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("gd99-01-01.no.such.item")]
    [InlineData("search-gd-top5-by-downloads")]
    [InlineData("search-scrape-nasa-first-page")]
    public async Task Unknown_identifier_and_search_fixtures_answer_200_with_an_empty_object(string identifier)
    {
        using var response = await Client.GetAsync(MetadataPath(identifier));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("dark_item-1.0", """{"is_dark":true}""")]
    [InlineData("broken", "{\"metadata\": {\"identifier\": ")]
    [InlineData("../evil", """{"metadata":{"identifier":"../evil"}}""")]
    [InlineData("a b+c&d", "{}")]
    public async Task AddItem_serves_the_raw_body_for_any_identifier(string identifier, string body)
    {
        Fake.AddItem(identifier, body);

        var served = await Client.GetStringAsync(MetadataPath(identifier));

        Assert.Equal(body, served);
        Assert.Equal("/metadata/" + identifier, Fake.Requests.Single().Path);
    }

    [Fact]
    public async Task AddItem_replaces_a_fixture_and_RemoveItem_forgets_it()
    {
        const string identifier = "nasa";
        Fake.AddItem(identifier, """{"replaced":true}""");
        Assert.Equal("""{"replaced":true}""", await Client.GetStringAsync(MetadataPath(identifier)));

        Fake.RemoveItem(identifier);

        Assert.Equal("{}", await Client.GetStringAsync(MetadataPath(identifier)));
        var listing = await GetJsonAsync(Client, ScrapePath("collection:movies"));
        Assert.Empty(Identifiers(listing));
    }

    [Fact]
    public async Task Other_paths_answer_404()
    {
        using var response = await Client.GetAsync("advancedsearch.php?q=collection%3Aetree");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
