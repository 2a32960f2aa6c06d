namespace ArchiveImport.Core.Operations;

/// <summary>Whether imports are paused for maintenance.</summary>
public sealed class MaintenanceCheck : HealthCheck
{
    public override string Id => "maintenance";
    public override string Name => "Maintenance mode";
    public override string Description => "Warns while maintenance mode is on (imports refuse to start), naming who turned it on, when and why.";
    public override IReadOnlyList<string> Tags => ["imports", "deployment"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var state = context.Services.Maintenance.Get();
        yield return state.Enabled
            ? Result(context, HealthStatus.Warning,
                $"Imports are paused for maintenance ({state.Describe()}). Disable-ArchiveMaintenance ends it.", true)
            : Result(context, HealthStatus.Pass, "Maintenance mode is off: imports may start.", false);
    }
}
