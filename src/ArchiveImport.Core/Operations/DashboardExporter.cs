using System.Diagnostics;
using System.Text;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Operations;

/// <summary>Gathers the dashboard's data once (queries, then health) and writes the page atomically.</summary>
public sealed class DashboardExporter
{
    private readonly ArchiveServices services;

    public DashboardExporter(ArchiveServices services) => this.services = services;

    public DashboardData Gather(DateOnly from, DateOnly to)
    {
        var queries = new DashboardQueries(services);
        return new DashboardData(
            from, to, services.Now, services.Database.Target.Display,
            queries.ImportsPerDay(from, to), queries.MatchRateOverTime(from, to), queries.UnmatchedOverTime(from, to),
            queries.WeakestArtists(), queries.TopUnmatched(), queries.ActiveRuns(), queries.RecentRuns(),
            new HealthService(services).Run().ToList());
    }

    /// <summary>Writes the dashboard for these days to <paramref name="path"/> (replaced whole, never half-written).</summary>
    public DashboardReport Export(string path, DateOnly from, DateOnly to)
    {
        var clock = Stopwatch.StartNew();
        var data = Gather(from, to);
        var html = Encoding.UTF8.GetBytes(DashboardPage.Render(data));
        AtomicFile.Write(path, html);
        return new DashboardReport
        {
            Path = path, Bytes = html.Length, GeneratedAt = data.GeneratedAt, Elapsed = clock.Elapsed,
            From = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To = to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
    }
}
