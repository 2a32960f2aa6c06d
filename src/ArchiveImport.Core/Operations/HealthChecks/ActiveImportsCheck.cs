namespace ArchiveImport.Core.Operations;

/// <summary>The imports running now, and whether any has stalled.</summary>
public sealed class ActiveImportsCheck : HealthCheck
{
    public override string Id => "active-imports";
    public override string Name => "Active imports";
    public override string Description => "Lists the running imports; warns about one with no progress for longer than stalledAfterMinutes.";
    public override IReadOnlyList<string> Tags => ["imports"];
    public override IReadOnlyList<string> Thresholds => ["stalledAfterMinutes"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var stalledAfter = context.Services.Settings.Health.StalledAfter;
        var stalled = context.Alive.Where(r => context.Now - r.HeartbeatAt > stalledAfter).ToList();
        yield return stalled.Count > 0
            ? Result(context, HealthStatus.Warning,
                $"{stalled.Count} running import(s) have not reported progress for over {stalledAfter.TotalMinutes:0} minutes: " +
                string.Join("; ", stalled.Select(HealthContext.Describe)) + ". Check the host, or stop them with Stop-ArchiveImport -Id.",
                context.Alive.Count, stalledAfter)
            : Result(context, HealthStatus.Pass,
                context.Alive.Count == 0 ? "No imports are running." : string.Join("; ", context.Alive.Select(HealthContext.Describe)), context.Alive.Count);
    }
}
