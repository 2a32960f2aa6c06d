namespace ArchiveImport.Core.Operations;

/// <summary>The import locks held now, and by whom.</summary>
public sealed class LocksCheck : HealthCheck
{
    public override string Id => "locks";
    public override string Name => "Locks held";
    public override string Description => "Lists each held import lock with its holder (host, pid, run, since); informational.";
    public override IReadOnlyList<string> Tags => ["imports"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var alive = context.Alive;
        yield return Result(context, HealthStatus.Pass,
            alive.Count == 0 ? "No import lock is held." : string.Join("; ", alive.Select(r => $"{r.Type} lock for {r.Artist} held by {r.Holder}")),
            alive.Count);
    }
}
