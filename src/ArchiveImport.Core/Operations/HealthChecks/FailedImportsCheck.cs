using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>Imports that failed in the last 24 hours.</summary>
public sealed class FailedImportsCheck : HealthCheck
{
    public override string Id => "failed-imports-24h";
    public override string Name => "Failed imports in the last 24 hours";
    public override string Description => "Fails when at least maxFailedImports24h runs failed in the last 24 hours.";
    public override IReadOnlyList<string> Tags => ["imports"];
    public override IReadOnlyList<string> Thresholds => ["maxFailedImports24h"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var since = context.Now.AddHours(-24);
        var failed = context.RecentRuns.Count(r => r.Status == RunStatus.Failed && r.StartedAt >= since);
        var limit = context.Services.Settings.Health.MaxFailedImports24h;
        yield return Result(context, failed >= limit ? HealthStatus.Fail : HealthStatus.Pass,
            failed == 0 ? "No import failed in the last 24 hours."
                : $"{failed} import(s) failed in the last 24 hours. See Get-ArchiveImportRun -Status failed for their error messages.",
            failed, limit);
    }
}
