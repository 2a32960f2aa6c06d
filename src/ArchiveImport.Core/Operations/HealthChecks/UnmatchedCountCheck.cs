namespace ArchiveImport.Core.Operations;

/// <summary>How many distinct titles wait for a curator.</summary>
public sealed class UnmatchedCountCheck : HealthCheck
{
    public override string Id => "unmatched-count";
    public override string Name => "Unresolved unmatched titles";
    public override string Description => "Fails when at least maxUnmatched distinct titles are unmatched and unresolved.";
    public override IReadOnlyList<string> Tags => ["matching"];
    public override IReadOnlyList<string> Thresholds => ["maxUnmatched"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var unmatched = context.Services.Catalog.UnresolvedUnmatchedCount();
        var limit = context.Services.Settings.Health.MaxUnmatched;
        yield return Result(context, unmatched >= limit ? HealthStatus.Fail : HealthStatus.Pass,
            unmatched >= limit
                ? $"{unmatched} distinct titles are unmatched. Start with Get-ArchiveUnmatched -Top 20."
                : $"{unmatched} distinct titles are unmatched.",
            unmatched, limit);
    }
}
