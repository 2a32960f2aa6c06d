namespace ArchiveImport.Core.Operations;

/// <summary>
/// Every health check, in the order they run. The one list: Get-ArchiveHealth's -Check, -ExcludeCheck and -Tag (and
/// their tab completion), its help and the runbook's table all follow it. Adding a check is one new file and one line here.
/// </summary>
public static class HealthRegistry
{
    public static IReadOnlyList<HealthCheck> All { get; } =
    [
        new DatabaseCheck(),
        new SchemaCheck(),
        new ActiveImportsCheck(),
        new DeadRunsCheck(),
        new FailedImportsCheck(),
        new MatchRateCheck(),
        new UnmatchedCountCheck(),
        new MetadataDiskCheck(),
        new LocksCheck(),
        new MaintenanceCheck(),
        new DashboardQueriesCheck(),
        new ArtistConfigsCheck(),
        new ImportProcessesCheck(),
        new ScheduledImportCheck(),
        new ImportSuccessRateCheck(),
        new DatabaseDiskCheck(),
        new LogErrorsCheck(),
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(c => c.Id).ToList();

    public static IReadOnlyList<string> Tags { get; } = All.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static HealthCheck? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}
