using System.Text.RegularExpressions;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Metrics;

/// <summary>The dashboard from a real catalog: what its queries find, drawn and encoded in the page.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class DashboardExportTests
{
    private const string HostileTitle = "<script>alert('x')</script> & \"Jam\"";
    private static readonly Uri NoArchive = new("http://127.0.0.1:9");
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateTime Start = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private readonly MariaDbFixture mariaDb;

    public DashboardExportTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_page_draws_a_bar_per_outcome_and_day_a_point_per_artist_and_day_and_encodes_catalog_text(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var seed = new CatalogSeed(services);
        var alpha = seed.Artist("Alpha & Omega", Start.AddDays(-5));
        var beta = seed.Artist("Beta", Start.AddDays(-5));
        seed.Run(alpha, RunStatus.Completed, Start.AddDays(-2));
        seed.Run(alpha, RunStatus.Failed, Start.AddDays(-1));
        seed.Run(beta, RunStatus.Completed, Start.AddDays(-1));
        seed.Run(alpha, RunStatus.Completed, Start);
        seed.Run(alpha, RunStatus.Cancelled, Start.AddHours(1));
        seed.Show(alpha, Start.AddDays(-2), ["Exact"], ["Unmatched"]);
        seed.Show(beta, Start.AddDays(-1), ["Exact"]);
        seed.Unmatched(alpha, HostileTitle, Start.AddDays(-2), occurrences: 7, suggestion: "Dark <Star>");
        var aggregator = new DailyMetricAggregator(services.Database);
        foreach (var day in new[] { Day.AddDays(-2), Day.AddDays(-1), Day })
        {
            aggregator.Recompute(day, Start.AddDays(1));
        }

        services.Catalog.RefreshArtistStatus(alpha, Start, downloaded: false, populated: true);
        var path = Path.Combine(home.Path, "report.html");

        var report = new DashboardExporter(services).Export(path, Day.AddDays(-2), Day);

        var html = File.ReadAllText(path);
        Assert.Equal(new FileInfo(path).Length, report.Bytes);
        Assert.Equal(5, Count(html, "imports-per-day", "bar")); // day 1: completed; day 2: completed, failed; day 3: completed, cancelled
        Assert.Equal(5, Count(html, "match-rate", "point")); // Alpha on 3 days, Beta on the 2 after its show
        Assert.Equal(3, Count(html, "unmatched-titles", "point"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase); // nothing to fetch, not even the SVG namespace
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Jam&quot;", html, StringComparison.Ordinal);
        Assert.Contains("Dark &lt;Star&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Alpha &amp; Omega", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Matches("data-table=\"health\"", html);
        Assert.Equal(5, Regex.Matches(html, "<td class=\"status (completed|failed|cancelled)\">").Count); // every run in the runs table
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_dashboard_query_is_timed_on_its_own(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, NoArchive);
        var services = Engines.Services(home);
        var seed = new CatalogSeed(services);
        var alpha = seed.Artist("Alpha", Start.AddDays(-5));
        seed.Run(alpha, RunStatus.Completed, Start);
        new DailyMetricAggregator(services.Database).Recompute(Day, Start);

        var timings = new DashboardQueries(services).TimeAll(Day.AddDays(-6), Day);

        Assert.Equal(
            ["ImportsPerDay", "MatchRateOverTime", "UnmatchedOverTime", "WeakestArtists", "TopUnmatched", "ActiveRuns", "RecentRuns"],
            timings.Select(t => t.Query));
        Assert.All(timings, t => Assert.True(t.Elapsed > TimeSpan.Zero, t.Query));
        Assert.Equal(1, timings.Single(t => t.Query == "ImportsPerDay").Rows);
        Assert.Equal(1, timings.Single(t => t.Query == "RecentRuns").Rows);
    }

    /// <summary>How many shapes of a class one chart drew.</summary>
    private static int Count(string html, string chart, string shape)
    {
        var start = html.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no chart {chart}");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return Regex.Matches(html[start..end], $"class=\"{shape} s\\d+\"").Count;
    }
}
