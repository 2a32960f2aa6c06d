namespace ArchiveImport.Core.Operations;

/// <summary>Runs marked running whose process is gone.</summary>
public sealed class DeadRunsCheck : HealthCheck
{
    public override string Id => "dead-runs";
    public override string Name => "Runs that died while running";
    public override string Description => "Fails when a run is marked running but nobody holds its lock: its process died.";
    public override IReadOnlyList<string> Tags => ["imports"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var dead = context.Dead;
        yield return dead.Count == 0
            ? Result(context, HealthStatus.Pass, "No run is marked running without a live process.", 0, 0)
            : Result(context, HealthStatus.Fail,
                $"{dead.Count} run(s) are marked running but their process is gone: {string.Join("; ", dead.Select(HealthContext.Describe))}. " +
                $"Mark them failed with Stop-ArchiveImport -Id {string.Join(',', dead.Select(r => r.Id))}; the next run resumes where they stopped.",
                dead.Count, 0);
    }
}
