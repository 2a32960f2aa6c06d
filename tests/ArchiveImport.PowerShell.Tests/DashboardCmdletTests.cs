using System.Text.Json;
using System.Text.RegularExpressions;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Update-/Get-ArchiveDailyMetric and Export-ArchiveDashboard in the real engine, after a real import, on both engines.</summary>
[Collection(CmdletCollection.Name)]
public sealed class DashboardCmdletTests
{
    private readonly MariaDbFixture mariaDb;

    public DashboardCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Metrics_are_recomputed_the_same_twice_read_back_by_artist_and_charted_in_the_dashboard(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();

        var first = ps.Invoke("Update-ArchiveDailyMetric").ThrowIfFailed().Objects<DailyMetric>().ToList();
        var today = Assert.Single(first); // the artist is new today: yesterday has no row
        Assert.Equal("Grateful Dead", today.Artist);
        Assert.Equal((2, 2, 0), (today.RunsStarted, today.RunsCompleted, today.RunsFailed));
        Assert.Equal(2, today.CatalogShows);
        Assert.True(today.CatalogTracks > 0);
        Assert.Equal(today.TracksMatched + today.TracksUnmatched > 0, today.MatchRate > 0);
        var second = ps.Invoke("Update-ArchiveDailyMetric -Date (Get-Date)").ThrowIfFailed().Objects<DailyMetric>().ToList();
        Assert.Equal(
            Rows(first),
            Rows(second));

        Assert.Single(ps.Invoke("Get-ArchiveDailyMetric -Artist 'Grateful Dead'").ThrowIfFailed().Objects<DailyMetric>());
        Assert.Empty(ps.Invoke("Get-ArchiveDailyMetric -From (Get-Date).AddDays(-9) -To (Get-Date).AddDays(-2)").ThrowIfFailed().Output);
        var unknown = ps.Invoke("Get-ArchiveDailyMetric -Artist 'Nobody'");
        Assert.Equal("ArtistNotConfigured", Assert.Single(unknown.Errors).FullyQualifiedErrorId.Split(',')[0]);

        var path = Path.Combine(home.Path, "report.html");
        Assert.Empty(ps.Invoke("Export-ArchiveDashboard -Path report.html -WhatIf").ThrowIfFailed().Output);
        Assert.False(File.Exists(path));
        var report = Assert.Single(ps.Invoke("Export-ArchiveDashboard -Path report.html").ThrowIfFailed().Objects<DashboardReport>());
        Assert.Equal(path, report.Path);
        Assert.Equal(29, (report.To - report.From).TotalDays);
        var html = File.ReadAllText(path);
        Assert.Equal(report.Bytes, new FileInfo(path).Length);
        Assert.Single(Regex.Matches(html, "<rect class=\"bar s0\"[^>]*data-day=\"" + DateTime.UtcNow.ToString("yyyy-MM-dd") + "\""));
        Assert.Contains("data-table=\"runs\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);

        var missing = ps.Invoke("Export-ArchiveDashboard -Path nowhere/report.html");
        Assert.Contains("does not exist. Create it", missing.AllText, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(home.Path, "nowhere")));
    }

    /// <summary>The rows as JSON without the time they were recomputed at, which is all that may differ.</summary>
    private static string Rows(IEnumerable<DailyMetric> metrics) =>
        JsonSerializer.Serialize(metrics.Select(m => JsonSerializer.SerializeToNode(m)!.AsObject()).Select(o =>
        {
            o.Remove(nameof(DailyMetric.RecomputedAt));
            return o.ToJsonString();
        }));
}
