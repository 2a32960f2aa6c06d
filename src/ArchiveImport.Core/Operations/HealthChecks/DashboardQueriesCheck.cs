namespace ArchiveImport.Core.Operations;

/// <summary>Each dashboard query, timed against its target.</summary>
public sealed class DashboardQueriesCheck : HealthCheck
{
    public override string Id => "dashboard-queries";
    public override string Name => "Dashboard query time";
    public override string Description => "Runs each dashboard query over the last 30 days once; warns at maxDashboardQueryMilliseconds.";
    public override IReadOnlyList<string> Tags => ["dashboard", "performance"];
    public override IReadOnlyList<string> Thresholds => ["maxDashboardQueryMilliseconds"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var limit = context.Services.Settings.Health.MaxDashboardQueryMilliseconds;
        var to = DateOnly.FromDateTime(context.Now);
        var timings = new DashboardQueries(context.Services).TimeAll(to.AddDays(-29), to);
        var slow = timings.Where(t => t.Elapsed.TotalMilliseconds >= limit).ToList();
        var slowest = timings.MaxBy(t => t.Elapsed);
        yield return slow.Count == 0
            ? Result(context, HealthStatus.Pass,
                $"All {timings.Count} dashboard queries answered under {limit} ms; the slowest took {slowest?.Elapsed.TotalMilliseconds:0.0} ms.",
                slowest is null ? null : Math.Round(slowest.Elapsed.TotalMilliseconds, 1), limit)
            : Result(context, HealthStatus.Warning,
                $"{slow.Count} dashboard quer(ies) took {limit} ms or more: {string.Join("; ", slow.Select(t => $"{t.Query} {t.Elapsed.TotalMilliseconds:0} ms"))}. " +
                "See docs/PERFORMANCE.md for their plans; on MariaDB check the buffer pool size.",
                slowest is null ? null : Math.Round(slowest.Elapsed.TotalMilliseconds, 1), limit);
    }
}
