using ArchiveImport.Testing;
using Xunit;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

/// <summary>The fake's seeded fault mix, its reset fault and its per-URL request counts.</summary>
public sealed class FakeArchiveOrgFaultMixTests : FakeArchiveOrgTestBase
{
    private const string Gd73 = "gd73-06-10.sbd.hollister.174.sbeok.shnf";

    [Fact]
    public void A_seed_gives_the_same_faults_for_the_same_path_and_attempt_and_the_rate_is_about_kept()
    {
        var mix = new FaultMix(0.3, 42, TimeSpan.FromSeconds(1));
        var paths = Enumerable.Range(0, 2000).Select(i => $"/metadata/show-{i}").ToList();

        var first = paths.Select(p => mix.For(p, 0)).ToList();
        var again = paths.Select(p => new FaultMix(0.3, 42, TimeSpan.FromSeconds(1)).For(p, 0)).ToList();
        var otherSeed = paths.Select(p => new FaultMix(0.3, 43, TimeSpan.FromSeconds(1)).For(p, 0)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(first.Count(f => f is not null), 500, 700);
        Assert.Equal(
            ["429", "503", "Hang", "Reset", "Truncated"],
            first.OfType<Fault>().Select(f => f is Fault.Status status ? status.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : f.GetType().Name).Distinct().Order());
        Assert.All(first.OfType<Fault.Status>().Where(s => s.StatusCode == 429), s => Assert.Equal(TimeSpan.FromSeconds(1), s.RetryAfter));
        Assert.All(paths, p => Assert.Null(mix.For(p.Replace("/metadata/", "/services/search/", StringComparison.Ordinal), 0)));
    }

    [Fact]
    public async Task Reset_drops_the_connection_without_an_answer_and_requests_are_counted_per_path()
    {
        Fake.Inject("/metadata/", new Fault.Reset());

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetAsync(MetadataPath(Gd73)));
        using var normal = await Client.GetAsync(MetadataPath(Gd73));
        using var nasa = await Client.GetAsync(MetadataPath("nasa"));

        Assert.Equal([0, 200, 200], Fake.Requests.Select(r => r.StatusCode));
        Assert.Equal(new Dictionary<string, int> { ["/metadata/" + Gd73] = 2, ["/metadata/nasa"] = 1 }, Fake.CountRequestsByPath("/metadata/"));
    }

    [Fact]
    public async Task With_a_mix_of_rate_one_every_metadata_request_misbehaves_and_scrape_pages_do_not()
    {
        Fake.Mix = new FaultMix(1, 7, TimeSpan.FromSeconds(1));

        for (var i = 0; i < 5; i++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                using var response = await Client.GetAsync(MetadataPath("nasa"), timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                Assert.False(response.IsSuccessStatusCode && IsValidJson(body), "a metadata request got a normal answer");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A reset or a hang: what the mix is for.
            }
        }

        using var scrape = await Client.GetAsync(ScrapePath("collection:etree"));
        Assert.Equal(200, (int)scrape.StatusCode);
    }
}
