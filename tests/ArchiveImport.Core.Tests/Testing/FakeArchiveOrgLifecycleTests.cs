using System.Diagnostics;
using ArchiveImport.Testing;
using Xunit;
using Xunit.Abstractions;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

public sealed class FakeArchiveOrgLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Starts_on_a_loopback_port_without_a_path()
    {
        var clock = Stopwatch.StartNew();
        await using var fake = await FakeArchiveOrg.StartAsync();
        output.WriteLine($"FakeArchiveOrg started in {clock.ElapsedMilliseconds} ms");

        Assert.Equal("127.0.0.1", fake.BaseAddress.Host);
        Assert.NotEqual(0, fake.BaseAddress.Port);
        Assert.Equal("/", fake.BaseAddress.AbsolutePath);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"start took {clock.Elapsed}");
    }

    [Fact]
    public async Task Instances_are_independent()
    {
        await using var first = await FakeArchiveOrg.StartAsync();
        await using var second = await FakeArchiveOrg.StartAsync();
        first.AddItem("only-in-first", "{\"first\":true}");
        using var secondClient = ClientFor(second);

        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        Assert.Equal("{}", await secondClient.GetStringAsync(MetadataPath("only-in-first")));
        Assert.Empty(first.Requests);
    }

    [Fact]
    public async Task Records_every_request_with_path_query_user_agent_and_status()
    {
        await using var fake = await FakeArchiveOrg.StartAsync();
        using var client = ClientFor(fake);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ArchiveImport/0.1");
        var before = DateTimeOffset.UtcNow;

        await client.GetStringAsync(MetadataPath("nasa"));
        await client.GetStringAsync(ScrapePath("collection:etree", count: 100));
        using var rejected = await client.GetAsync(ScrapePath("collection:etree", count: 10));

        var requests = fake.Requests;
        Assert.Equal(["/metadata/nasa", "/services/search/v1/scrape", "/services/search/v1/scrape"], requests.Select(r => r.Path));
        Assert.Equal([200, 200, 400], requests.Select(r => r.StatusCode));
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.All(requests, r => Assert.Equal("ArchiveImport/0.1", r.UserAgent));
        Assert.All(requests, r => Assert.InRange(r.At, before.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.Equal("", requests[0].Query);
        Assert.Equal("?q=collection%3Aetree&count=100", requests[1].Query);
        Assert.Equal(1, fake.CountRequests("/metadata/"));
        Assert.Equal(2, fake.CountRequests("/services/search"));

        fake.ClearRequests();

        Assert.Empty(fake.Requests);
        Assert.Equal(0, fake.CountRequests("/"));
    }

    [Fact]
    public async Task Request_log_is_safe_under_parallel_requests()
    {
        await using var fake = await FakeArchiveOrg.StartAsync();
        using var client = ClientFor(fake);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.GetStringAsync(MetadataPath($"item-{i}"))));

        Assert.Equal(50, fake.CountRequests("/metadata/item-"));
        Assert.All(fake.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task Dispose_stops_the_server_even_while_a_request_hangs()
    {
        var fake = await FakeArchiveOrg.StartAsync();
        using var client = ClientFor(fake);
        fake.Inject("/metadata/", new Fault.Hang());
        var hanging = client.GetAsync(MetadataPath("nasa"));
        await WaitUntilAsync(() => fake.CountRequests("/metadata/") == 1);
        var clock = Stopwatch.StartNew();

        await fake.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"dispose took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => hanging);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(MetadataPath("nasa")));
    }

    [Fact]
    public async Task Serves_a_custom_fixtures_directory()
    {
        var directory = Directory.CreateTempSubdirectory("fake-archive-fixtures-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "by-file-name.json"), """{"files":[]}""");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "other.json"), """{"metadata":{"identifier":"by-metadata","collection":"c"}}""");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "not-an-item.json"), """{"response":{"docs":[]}}""");
            await using var fake = await FakeArchiveOrg.StartAsync(directory.FullName);
            using var client = ClientFor(fake);

            Assert.Equal("""{"files":[]}""", await client.GetStringAsync(MetadataPath("by-file-name")));
            Assert.Equal(["by-metadata"], Identifiers(await GetJsonAsync(client, ScrapePath("collection:c"))));
            Assert.Equal("{}", await client.GetStringAsync(MetadataPath("not-an-item")));
            Assert.Equal("{}", await client.GetStringAsync(MetadataPath("other")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_fixtures_directory_fails_to_start()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => FakeArchiveOrg.StartAsync("/nonexistent/fixtures"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not reached within 10 s");
            await Task.Delay(10);
        }
    }
}
