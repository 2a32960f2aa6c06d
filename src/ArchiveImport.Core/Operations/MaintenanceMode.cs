using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Pauses imports on every machine sharing the catalog (the older system's maintenance:enable). While it is on, no
/// download or populate starts; runs already going finish, or are stopped with Stop-ArchiveImport.
/// </summary>
public sealed class MaintenanceMode
{
    private readonly ArchiveServices services;

    public MaintenanceMode(ArchiveServices services) => this.services = services;

    public MaintenanceState Current() => services.Maintenance.Get();

    public MaintenanceState Enable(string reason)
    {
        var state = services.Maintenance.Enable(reason, Environment.UserName, Environment.MachineName, services.Now);
        services.Activity.Write("warning", "maintenance_enabled", $"Maintenance mode on ({state.Describe()}).", services.Now);
        services.Log.Warning("Maintenance mode on: no import starts until Disable-ArchiveMaintenance ({State:l}).", state.Describe());
        return state;
    }

    /// <summary>Ends maintenance; returns whether it was on.</summary>
    public bool Disable()
    {
        var wasOn = services.Maintenance.Disable();
        if (wasOn)
        {
            services.Activity.Write("info", "maintenance_disabled", $"Maintenance mode off, by {Environment.UserName} on {Environment.MachineName}.", services.Now);
            services.Log.Information("Maintenance mode off, by {User:l} on {Here:l}: imports may start again.", Environment.UserName, Environment.MachineName);
        }

        return wasOn;
    }

    /// <summary>The runs still going, which maintenance does not stop by itself.</summary>
    public IReadOnlyList<ImportRun> RunningImports() => services.Runs.Running();
}
