using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Settings;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.ArchiveOrg;

/// <summary>The archive.org client against the fake server over real HTTP on loopback.</summary>
public sealed class ArchiveOrgClientTests
{
    private static ArchiveImportSettings Settings(FakeArchiveOrg archive, double timeoutSeconds = 5, int retries = 4) => new()
    {
        HomeDirectory = Path.GetTempPath(),
        Database = DatabaseTarget.Parse("unused.db", Path.GetTempPath()),
        ArchiveUrl = archive.BaseAddress,
        HttpTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task Listing_follows_the_cursor_until_it_is_absent_with_pages_of_at_least_100()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = Enumerable.Range(0, 2345).Select(i => $"big-{i:0000}").ToArray();
        archive.AddToCollection("BigBand", identifiers);
        using var client = new ArchiveOrgClient(Settings(archive));

        var listed = await client.ListCollectionAsync("BigBand", limit: null, CancellationToken.None).ToListAsync();

        Assert.Equal(identifiers, listed.Select(i => i.Identifier));
        var pages = archive.Requests.Where(r => r.Path.StartsWith("/services/search", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("count=1000", p.Query));
        Assert.All(pages, p => Assert.StartsWith("ArchiveImport/", p.UserAgent));
    }

    [Fact]
    public async Task A_limit_stops_paging_early_and_still_asks_for_at_least_100()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddToCollection("BigBand", Enumerable.Range(0, 500).Select(i => $"big-{i:000}").ToArray());
        using var client = new ArchiveOrgClient(Settings(archive));

        var listed = await client.ListCollectionAsync("BigBand", limit: 20, CancellationToken.None).ToListAsync();

        Assert.Equal(20, listed.Count);
        var page = Assert.Single(archive.Requests, r => r.Path.StartsWith("/services/search", StringComparison.Ordinal));
        Assert.Contains("count=100", page.Query);
    }

    [Fact]
    public async Task A_cursor_that_does_not_advance_stops_the_listing_with_a_clear_error()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddToCollection("BigBand", Enumerable.Range(0, 1500).Select(i => $"big-{i:0000}").ToArray());
        archive.StuckCursor = true;
        using var client = new ArchiveOrgClient(Settings(archive));

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(
            () => client.ListCollectionAsync("BigBand", null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Contains("did not advance", error.Message);
        Assert.True(archive.CountRequests("/services/search") <= 3);
    }

    [Fact]
    public async Task A_cursor_that_cycles_back_to_an_earlier_one_stops_the_listing_naming_the_collection_and_the_pages()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddToCollection("BigBand", Enumerable.Range(0, 3500).Select(i => $"big-{i:0000}").ToArray());
        archive.CursorCycle = 3; // c1 -> c2 -> c1: every page looks new, the cursor never ends
        using var client = new ArchiveOrgClient(Settings(archive));

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(
            () => client.ListCollectionAsync("BigBand", null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Contains("'BigBand'", error.Message);
        Assert.Contains("after 3 page(s) (3,000 items)", error.Message);
        Assert.Contains("cursor it had already given", error.Message);
        Assert.Contains("-Identifier", error.Message);
        Assert.Equal(3, archive.CountRequests("/services/search"));
    }

    [Fact]
    public async Task More_pages_than_the_page_cap_stop_the_listing_with_what_to_do()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddToCollection("BigBand", Enumerable.Range(0, 5000).Select(i => $"big-{i:0000}").ToArray());
        using var client = new ArchiveOrgClient(Settings(archive) with { MaxScrapePages = 3 });

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(
            () => client.ListCollectionAsync("BigBand", null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(
            "Stopped listing collection 'BigBand' after 3 page(s) and 3,000 items: it needs more than 3 pages (maxScrapePages). " +
            "If the collection really is that large, raise the limit in config/archiveimport.yaml; otherwise archive.org's " +
            "scrape cursor is misbehaving: try again later, or pass -Identifier to download known items.",
            error.Message);
        Assert.Equal(3, archive.CountRequests("/services/search"));
    }

    [Fact]
    public async Task More_items_than_the_item_cap_stop_the_listing()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddToCollection("BigBand", Enumerable.Range(0, 2345).Select(i => $"big-{i:0000}").ToArray());
        using var client = new ArchiveOrgClient(Settings(archive) with { MaxListedItems = 1500 });
        var listed = new List<CollectionItem>();

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(async () =>
        {
            await foreach (var item in client.ListCollectionAsync("BigBand", null, CancellationToken.None))
            {
                listed.Add(item);
            }
        });

        Assert.Contains("after 2 page(s) and 1,500 items: it lists more than 1,500 items (maxListedItems)", error.Message);
        Assert.Equal(1500, listed.Count);
    }

    [Theory]
    [InlineData("nested deeper than 64 levels", "depth")]
    [InlineData("an HTML page", "invalid start of a value")]
    [InlineData("cut short, with a matching Content-Length", "expected")]
    public async Task A_body_that_arrived_complete_but_cannot_be_read_fails_at_once_naming_the_item(string shape, string reason)
    {
        var body = shape switch
        {
            "nested deeper than 64 levels" => "{\"metadata\":" + new string('[', 70) + new string(']', 70) + "}",
            "an HTML page" => "<html><body>Item unavailable</body></html>",
            _ => "{\"metadata\": {\"identifier\"",
        };
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-unreadable", body, "GratefulDead");
        var notices = new List<string>();
        using var client = new ArchiveOrgClient(Settings(archive), retryNotice: notices.Add);

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(() => client.GetMetadataAsync("gd-unreadable", CancellationToken.None));

        Assert.Equal(1, archive.CountRequests("/metadata/"));
        Assert.Empty(notices);
        Assert.StartsWith("archive.org's answer for item 'gd-unreadable' (/metadata/gd-unreadable) arrived complete but is not JSON that can be read: ", error.Message);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("It was not retried, because the same answer would come back. Try again later in case archive.org repairs it; the rest of the run goes on without it.", error.Message);
    }

    [Fact]
    public async Task A_body_cut_short_in_transit_is_still_retried()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/", new Fault.Truncated(), times: 2);
        using var client = new ArchiveOrgClient(Settings(archive));

        var body = await client.GetMetadataAsync("gd73-06-10.sbd.hollister.174.sbeok.shnf", CancellationToken.None);

        Assert.True(body.Length > 100_000);
        Assert.Equal(3, archive.CountRequests("/metadata/"));
    }

    [Fact]
    public async Task A_byte_order_mark_is_accepted_and_dropped()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-bom", "\uFEFF{\"metadata\":{\"identifier\":\"gd-bom\"}}", "GratefulDead");
        using var client = new ArchiveOrgClient(Settings(archive));

        var body = await client.GetMetadataAsync("gd-bom", CancellationToken.None);

        Assert.Equal("{\"metadata\":{\"identifier\":\"gd-bom\"}}", System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(1, archive.CountRequests("/metadata/"));
    }

    [Fact]
    public async Task The_change_stamp_is_the_latest_of_the_items_dates()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var client = new ArchiveOrgClient(Settings(archive));

        var items = await client.ListCollectionAsync("GratefulDead", null, CancellationToken.None).ToListAsync();

        var gd73 = items.Single(i => i.Identifier.StartsWith("gd73", StringComparison.Ordinal));
        Assert.Equal("2009-01-10 05:28:45", gd73.ChangeStamp); // the newest of its updatedate array
    }

    [Fact]
    public async Task A_hanging_server_is_timed_out_and_retried()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/", new Fault.Hang(), times: 2);
        using var client = new ArchiveOrgClient(Settings(archive, timeoutSeconds: 0.5));

        var body = await client.GetMetadataAsync("gd73-06-10.sbd.hollister.174.sbeok.shnf", CancellationToken.None);

        Assert.True(body.Length > 100_000);
        Assert.Equal(3, archive.CountRequests("/metadata/"));
    }

    [Fact]
    public async Task Retries_give_up_after_the_limit_with_a_message_naming_the_status()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/", new Fault.Status(503), times: 10);
        using var client = new ArchiveOrgClient(Settings(archive, retries: 2));

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(
            () => client.GetMetadataAsync("gd73-06-10.sbd.hollister.174.sbeok.shnf", CancellationToken.None));

        Assert.Contains("503", error.Message);
        Assert.Equal(3, archive.CountRequests("/metadata/"));
    }

    [Fact]
    public async Task Every_retry_is_told_which_request_why_and_how_long_it_waits()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Inject("/metadata/", new Fault.Status(503), times: 2);
        var notices = new List<string>();
        using var client = new ArchiveOrgClient(Settings(archive), retryNotice: notices.Add);

        await client.GetMetadataAsync("gd73-06-10.sbd.hollister.174.sbeok.shnf", CancellationToken.None);

        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Matches(
            @"^archive\.org GET /metadata/gd73-06-10\.sbd\.hollister\.174\.sbeok\.shnf: 503 Service Unavailable; retry [12] of 4 in [0-9.]+ s\.$", n));
        Assert.Contains("retry 1 of 4", notices[0]);
        Assert.Contains("retry 2 of 4", notices[1]);
    }

    [Fact]
    public async Task A_refused_connection_fails_at_once_naming_the_address_and_the_settings()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connecting is refused
        var settings = new ArchiveImportSettings
        {
            HomeDirectory = Path.GetTempPath(),
            Database = DatabaseTarget.Parse("unused.db", Path.GetTempPath()),
            ArchiveUrl = new Uri($"http://127.0.0.1:{port}"),
            MaxRetries = 6,
            RetryBaseDelay = TimeSpan.FromSeconds(1), // the defaults that made this take 44 s
        };
        var notices = new List<string>();
        using var client = new ArchiveOrgClient(settings, retryNotice: notices.Add);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ArchiveOrgException>(
            () => client.ListCollectionAsync("GratefulDead", null, CancellationToken.None).ToListAsync().AsTask());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Empty(notices);
        Assert.Contains($"http://127.0.0.1:{port}/", error.Message);
        Assert.Contains("connection was refused", error.Message);
        Assert.Contains(SettingsLoader.ArchiveUrlVariable, error.Message);
        Assert.Contains("-ArchiveUrl", error.Message);
        Assert.Contains("archiveUrl", error.Message);
    }

    [Fact]
    public async Task An_unknown_item_comes_back_as_an_empty_object()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var client = new ArchiveOrgClient(Settings(archive));

        var body = await client.GetMetadataAsync("no-such-item", CancellationToken.None);

        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(body));
    }
}
