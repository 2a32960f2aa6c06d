using System.Diagnostics;
using System.Net;
using ArchiveImport.Testing;
using Xunit;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

public sealed class FakeArchiveOrgFaultTests : FakeArchiveOrgTestBase
{
    private const string Gd73 = "gd73-06-10.sbd.hollister.174.sbeok.shnf";

    [Fact]
    public async Task Status_fault_sends_429_with_Retry_After_then_the_normal_answer()
    {
        Fake.Inject("/metadata/", new Fault.Status(429, TimeSpan.FromSeconds(7)));

        using var limited = await Client.GetAsync(MetadataPath(Gd73));
        using var normal = await Client.GetAsync(MetadataPath(Gd73));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(FixturePath(Gd73 + ".json")), await normal.Content.ReadAsByteArrayAsync());
        Assert.Equal([429, 200], Fake.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Retry_After_is_rounded_up_to_whole_seconds_and_a_custom_body_is_sent()
    {
        Fake.Inject("/metadata/", new Fault.Status(503, TimeSpan.FromMilliseconds(1200), "<html>down</html>"));

        using var response = await Client.GetAsync(MetadataPath("nasa"));

        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("<html>down</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Queued_faults_apply_in_order_and_only_to_matching_paths()
    {
        Fake.Inject("/metadata/gd73", new Fault.Status(503), times: 2);
        Fake.Inject("/metadata/", new Fault.Status(500));

        var nasa = await StatusOfAsync(MetadataPath("nasa"));
        var scrape = await StatusOfAsync(ScrapePath("collection:etree"));
        var gd73 = new[] { await StatusOfAsync(MetadataPath(Gd73)), await StatusOfAsync(MetadataPath(Gd73)), await StatusOfAsync(MetadataPath(Gd73)) };

        Assert.Equal(500, nasa);
        Assert.Equal(200, scrape);
        Assert.Equal([503, 503, 200], gd73);
    }

    [Fact]
    public async Task Search_faults_leave_metadata_alone()
    {
        Fake.Inject("/services/search", new Fault.Status(502));

        Assert.Equal(200, await StatusOfAsync(MetadataPath("nasa")));
        Assert.Equal(502, await StatusOfAsync(ScrapePath("collection:etree")));
        Assert.Equal(200, await StatusOfAsync(ScrapePath("collection:etree")));
    }

    [Fact]
    public async Task Truncated_sends_200_with_half_the_body_which_is_not_valid_json()
    {
        var full = await File.ReadAllBytesAsync(FixturePath(Gd73 + ".json"));
        Fake.Inject("/metadata/", new Fault.Truncated());

        using var response = await Client.GetAsync(MetadataPath(Gd73));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(full[..(full.Length / 2)], body);
        Assert.False(IsValidJson(body));
    }

    [Fact]
    public async Task Truncated_applies_to_scrape_pages_too()
    {
        Fake.Inject("/services/search", new Fault.Truncated());

        using var response = await Client.GetAsync(ScrapePath("collection:etree"));

        Assert.False(IsValidJson(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task InvalidJson_sends_an_html_page_labelled_as_json()
    {
        Fake.Inject("/metadata/", new Fault.InvalidJson());

        using var response = await Client.GetAsync(MetadataPath(Gd73));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.False(IsValidJson(body));
    }

    [Fact]
    public async Task Hang_is_ended_by_the_client_timeout_and_the_next_request_is_answered()
    {
        Fake.Inject("/metadata/", new Fault.Hang());
        using var impatient = ClientFor(Fake, TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync(MetadataPath(Gd73)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(10));
        Assert.Equal(200, await StatusOfAsync(MetadataPath(Gd73)));
        Assert.Equal(0, Fake.Requests[0].StatusCode);
    }

    [Fact]
    public async Task Delay_answers_normally_after_the_delay()
    {
        Fake.Inject("/metadata/", new Fault.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        var body = await Client.GetStringAsync(MetadataPath("nasa"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
        Assert.Equal(await File.ReadAllTextAsync(FixturePath("nasa.json")), body);
    }

    [Fact]
    public async Task Latency_slows_every_response()
    {
        Fake.Latency = TimeSpan.FromMilliseconds(200);
        var clock = Stopwatch.StartNew();

        await Client.GetStringAsync(MetadataPath("nasa"));
        await Client.GetStringAsync(ScrapePath("collection:etree"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(390), $"answered after {clock.Elapsed}");
    }

    private async Task<int> StatusOfAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return (int)response.StatusCode;
    }
}
