using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>The share of the last 7 days' runs that completed (the older monitoring script's success rate).</summary>
public sealed class ImportSuccessRateCheck : HealthCheck
{
    public override string Id => "import-success-rate";
    public override string Name => "Import success rate over 7 days";
    public override string Description =>
        "Of the runs that ended in the last 7 days, completed / (completed + failed); fails below minImportSuccessRatePercent. " +
        "A cancelled run was stopped on purpose and counts neither way.";
    public override IReadOnlyList<string> Tags => ["imports"];
    public override IReadOnlyList<string> Thresholds => ["minImportSuccessRatePercent"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var minimum = context.Services.Settings.Health.MinImportSuccessRatePercent;
        var since = context.Now - HealthContext.RecentWindow;
        var ended = context.RecentRuns.Where(r => r.FinishedAt >= since).ToList();
        var completed = ended.Count(r => r.Status == RunStatus.Completed);
        var failed = ended.Count(r => r.Status == RunStatus.Failed);
        if (completed + failed == 0)
        {
            yield return Result(context, HealthStatus.Pass, "No import completed or failed in the last 7 days, so there is no rate to judge.", null, minimum);
            yield break;
        }

        var rate = Math.Round(100.0 * completed / (completed + failed), 2);
        yield return rate >= minimum
            ? Result(context, HealthStatus.Pass, $"{rate:0.##} % of the runs that ended in the last 7 days completed ({completed} completed, {failed} failed).", rate, minimum)
            : Result(context, HealthStatus.Fail,
                $"Only {rate:0.##} % of the runs that ended in the last 7 days completed ({completed} completed, {failed} failed). " +
                "Read their errors with Get-ArchiveImportRun -Status failed -Since (Get-Date).AddDays(-7), mend the cause, then run the import again.",
                rate, minimum);
    }
}
