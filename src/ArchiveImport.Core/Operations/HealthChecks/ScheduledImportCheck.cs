namespace ArchiveImport.Core.Operations;

/// <summary>Whether the scheduled import still runs: the newest run started within the expected interval.</summary>
public sealed class ScheduledImportCheck : HealthCheck
{
    public override string Id => "scheduled-import";
    public override string Name => "Scheduled import";
    public override string Description =>
        "The newest download or populate run (a worker's included) started within scheduledImportIntervalHours; " +
        "warns past it (one run missed), fails past twice it (the schedule has stopped), warns when no import ever ran.";
    public override IReadOnlyList<string> Tags => ["imports", "schedule"];
    public override IReadOnlyList<string> Thresholds => ["scheduledImportIntervalHours"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var hours = context.Services.Settings.Health.ScheduledImportIntervalHours;
        const string Schedule = "Check the cron job or scheduled task that runs deployment/Invoke-ScheduledImport.ps1 (or the import worker), and its log.";
        if (context.LatestRunStart is not { } latest)
        {
            yield return Result(context, HealthStatus.Warning,
                "No import has ever run against this catalog. Run one (Invoke-ArchiveDownload | Invoke-ArchivePopulate) and schedule it. " + Schedule,
                null, hours);
            yield break;
        }

        var age = Math.Round((context.Now - latest).TotalHours, 1);
        var since = $"The newest import started {age:0.#} hours ago ({latest:yyyy-MM-dd HH:mm} UTC)";
        yield return age > 2 * hours ? Result(context, HealthStatus.Fail, $"{since}, more than twice the expected interval of {hours:0.#} hours. {Schedule}", age, hours)
            : age > hours ? Result(context, HealthStatus.Warning, $"{since}, longer than the expected interval of {hours:0.#} hours: one run was missed or is late. {Schedule}", age, hours)
            : Result(context, HealthStatus.Pass, $"{since}, within the expected interval of {hours:0.#} hours.", age, hours);
    }
}
