using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using Microsoft.Playwright;

namespace ArchiveImport.Dashboard.Tests;

/// <summary>
/// The dashboard opened in a real browser (Debian's chromium, driven by Playwright; it never downloads one): no console
/// errors, every chart drawn with a shape per value it was given, readable on a laptop and a phone. Screenshots are
/// saved under the test output's screenshots folder.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly DateOnly To = new(2026, 3, 14);
    private static readonly DateOnly From = To.AddDays(-13);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing. Install it with: apt-get update && apt-get install -y chromium");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    [Theory]
    [InlineData("laptop", 1366, 768)]
    [InlineData("phone", 390, 844)]
    public async Task Each_chart_is_drawn_with_a_shape_per_value_and_the_page_has_no_console_errors(string screen, int width, int height)
    {
        var data = Data();
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(path, DashboardPage.Render(data));
        try
        {
            var page = await browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add($"{message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add("page error: " + error);
            page.RequestFailed += (_, request) => problems.Add("request failed: " + request.Url);
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);

            await page.GotoAsync(new Uri(path).AbsoluteUri);

            Assert.Empty(problems);
            Assert.Equal([new Uri(path).AbsoluteUri], requests); // the file itself and nothing else
            var expectedBars = data.Imports.Sum(d => new[] { d.Completed, d.Failed, d.Cancelled, d.Running }.Count(n => n > 0));
            Assert.Equal(expectedBars, await Drawn(page, "imports-per-day", "rect.bar"));
            Assert.Equal(data.MatchRates.Count, await Drawn(page, "match-rate", "circle.point"));
            Assert.Equal(data.MatchRates.Select(r => r.Artist).Distinct().Count(), await Drawn(page, "match-rate", "polyline.line"));
            Assert.Equal(data.Unmatched.Count, await Drawn(page, "unmatched-titles", "circle.point"));

            // Catalog text is shown as text: the hostile title is in a cell, and no script ran or exists.
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.Equal(data.TopUnmatched[0].TrackName, await page.Locator("table[data-table=top-unmatched] tbody tr td").First.InnerTextAsync());
            Assert.Equal(data.TopUnmatched.Count, await page.Locator("table[data-table=top-unmatched] tbody tr").CountAsync());
            Assert.Equal(data.WeakestArtists.Count, await page.Locator("table[data-table=weakest-artists] tbody tr").CountAsync());

            // Nothing wider than the screen but a table's own scroll box.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the page scrolls sideways on a {screen}");

            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var screenshot = Path.Combine(folder, $"dashboard-{screen}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 10_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How many shapes of one chart the browser laid out with a size (counted in the DOM, measured by layout).</summary>
    private static async Task<int> Drawn(IPage page, string chart, string shape) =>
        await page.EvaluateAsync<int>(
            "([chart, shape]) => [...document.querySelectorAll(`svg[data-chart=\"${chart}\"] ${shape}`)]" +
            ".filter(e => { const box = e.getBBox(); return box.width > 0 || box.height > 0; }).length",
            new[] { chart, shape });

    private static DashboardData Data()
    {
        var days = Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays).ToList();
        var imports = days.Where((_, i) => i % 4 != 3) // some days without metrics
            .Select((day, i) => new ImportsOnDay(day, 1 + i % 3, i % 2, i % 5 == 0 ? 1 : 0, day == To ? 1 : 0)).ToList();
        var rates = days.Select((day, i) => new MatchRateOnDay("Grateful Dead", day, 95m + i * 0.3m))
            .Concat(days.Skip(6).Select((day, i) => new MatchRateOnDay("Phish <live>", day, 88.5m + i)))
            .ToList();
        var unmatched = days.Skip(1).Select((day, i) => new UnmatchedOnDay(day, 40 - i)).ToList();
        var weakest = Enumerable.Range(1, 10).Select(i => new ArtistStatusRow
        {
            Artist = $"Artist {i}", TracksTotal = 1000, TracksMatched = 900 + i, TracksUnmatched = 100 - i, MatchRate = 90m + i * 0.1m,
        }).ToList();
        var top = Enumerable.Range(1, 20).Select(i => new UnmatchedTrack
        {
            Artist = "Grateful Dead", TrackName = i == 1 ? "<script>document.title='owned'</script>Jam" : $"Unknown Jam {i}",
            NormalizedName = $"unknown jam {i}", Occurrences = 100 - i, SuggestedMatch = i % 2 == 0 ? "Dark Star" : null,
        }).ToList();
        var started = To.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
        var runs = new[] { "completed", "failed", "cancelled" }.Select((status, i) => new ImportRun
        {
            Id = 10 + i, Artist = "Grateful Dead", Type = "populate", Status = status, StartedAt = started.AddHours(-i), ShowsTotal = 50,
            ShowsProcessed = 50 - i, Host = "worker1", Pid = 4242, ErrorMessage = status == "failed" ? "The metadata file is not valid JSON. Download the show again." : null,
        }).ToList();
        var active = new[] { new ImportRun { Id = 13, Artist = "Phish <live>", Type = "download", Status = "running", StartedAt = started, ShowsTotal = 900, ShowsProcessed = 120, Host = "worker2", Pid = 77 } };
        var health = new[]
        {
            new HealthCheckResult { Id = "database", Name = "Database reachable", Status = HealthStatus.Pass, Message = "Connected." },
            new HealthCheckResult { Id = "match-rate", Name = "Match rate", Status = HealthStatus.Fail, Target = "Phish <live>", Message = "Only 88.50 % of Phish's tracks matched a song." },
            new HealthCheckResult { Id = "active-imports", Name = "Active imports", Status = HealthStatus.Warning, Message = "1 running import has not reported progress for over 30 minutes." },
        };
        return new DashboardData(From, To, started.AddHours(2), "var/archivedotorg/archive.db", imports, rates, unmatched, weakest, top, active, runs, health);
    }
}
