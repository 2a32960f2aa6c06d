namespace ArchiveImport.Core.Operations;

/// <summary>The catalog opens and reads (SQLite's quick_check passes): when it does not, the one failure reported.</summary>
public sealed class DatabaseCheck : HealthCheck
{
    public override string Id => "database";
    public override string Name => "Database reachable";
    public override string Description => "The catalog database can be opened and read; a damaged SQLite file fails its quick_check.";
    public override IReadOnlyList<string> Tags => ["catalog"];
    public override HealthNeeds Needs => HealthNeeds.Files; // it reports the unreachable catalog itself

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var target = context.Services.Database.Target.Display;
        yield return context.Unreachable is { } why
            ? Result(context, HealthStatus.Fail, why, target: target)
            : Result(context, HealthStatus.Pass, $"Connected to {target}.", target: target);
    }
}
