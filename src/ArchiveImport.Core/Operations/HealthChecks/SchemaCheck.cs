namespace ArchiveImport.Core.Operations;

/// <summary>Every migration this module knows is applied.</summary>
public sealed class SchemaCheck : HealthCheck
{
    public override string Id => "schema";
    public override string Name => "Schema present and current";
    public override string Description => "The catalog's schema version (archivedotorg_schema_version) is the one this module needs.";
    public override IReadOnlyList<string> Tags => ["catalog", "deployment"];
    public override HealthNeeds Needs => HealthNeeds.Catalog;

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var schema = context.Schema!;
        yield return schema.IsCurrent
            ? Result(context, HealthStatus.Pass, $"Schema version {schema.CurrentVersion} is current.", schema.CurrentVersion, schema.LatestVersion)
            : Result(context, HealthStatus.Fail,
                schema.CurrentVersion == 0
                    ? "The catalog has no schema yet. Run Update-ArchiveDatabase."
                    : $"Schema version {schema.CurrentVersion} is behind {schema.LatestVersion}. Run Update-ArchiveDatabase.",
                schema.CurrentVersion, schema.LatestVersion);
    }
}
