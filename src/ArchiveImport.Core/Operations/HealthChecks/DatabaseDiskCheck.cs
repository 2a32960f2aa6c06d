namespace ArchiveImport.Core.Operations;

/// <summary>The catalog database's size, and the free space where it is kept.</summary>
public sealed class DatabaseDiskCheck : HealthCheck
{
    private const long Megabyte = 1024 * 1024;

    public override string Id => "database-disk";
    public override string Name => "Database disk usage";
    public override string Description =>
        "The catalog's size (SQLite: the file with its WAL and SHM; MySQL: the schema's tables and indexes) and the free space on its disk; " +
        "fails below minFreeDiskMegabytes free, warns below twice that. A MySQL server on another machine reports its size only.";
    public override IReadOnlyList<string> Tags => ["disk"];
    public override IReadOnlyList<string> Thresholds => ["minFreeDiskMegabytes"];
    public override HealthNeeds Needs => HealthNeeds.Catalog;

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var minimum = context.Services.Settings.Health.MinFreeDiskMegabytes;
        var size = context.Services.Database.MeasureSize();
        var holds = $"The catalog ({size.Location}) takes {size.Bytes / Megabyte} MB";
        if (size.FreeBytes is not { } freeBytes)
        {
            yield return Result(context, HealthStatus.Pass,
                $"{holds}; its server is not on this machine, so its free space cannot be seen from here: watch that server's disk.", null, minimum);
            yield break;
        }

        var free = freeBytes / Megabyte;
        const string Remedy = "Free space on that disk or move the catalog to a larger one: when the disk fills, every import's writes fail.";
        yield return free < minimum ? Result(context, HealthStatus.Fail, $"{holds}; only {free} MB is free on its disk, below {minimum} MB. {Remedy}", free, minimum)
            : free < 2 * minimum ? Result(context, HealthStatus.Warning, $"{holds}; {free} MB is free on its disk, less than twice the {minimum} MB minimum. {Remedy}", free, minimum)
            : Result(context, HealthStatus.Pass, $"{holds}; {free} MB is free on its disk.", free, minimum);
    }
}
