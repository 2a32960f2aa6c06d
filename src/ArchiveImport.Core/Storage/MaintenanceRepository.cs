using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>Whether imports are paused for maintenance, by whom, since when and why.</summary>
public sealed class MaintenanceState
{
    public bool Enabled { get; init; }
    public string? Reason { get; init; }
    public string? EnabledBy { get; init; }
    public string? Host { get; init; }
    public DateTime? EnabledAt { get; init; }

    /// <summary>"since TIME by USER on HOST: REASON", for messages.</summary>
    public string Describe() => Enabled ? $"since {EnabledAt:u} by {EnabledBy} on {Host}: {Reason}" : "off";
}

/// <summary>archivedotorg_maintenance: one row while maintenance mode is on.</summary>
public sealed class MaintenanceRepository
{
    private const int TheRow = 1;
    private readonly CatalogDatabase database;

    public MaintenanceRepository(CatalogDatabase database) => this.database = database;

    public MaintenanceState Get()
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<MaintenanceState>(
            """
            SELECT 1 AS Enabled, reason AS Reason, enabled_by AS EnabledBy, host AS Host, enabled_at AS EnabledAt
            FROM archivedotorg_maintenance WHERE maintenance_id = @TheRow
            """, new { TheRow }) ?? new MaintenanceState();
    }

    /// <summary>Turns maintenance on; when it is on already, the reason, user, host and time are replaced.</summary>
    public MaintenanceState Enable(string reason, string enabledBy, string host, DateTime now)
    {
        using var connection = database.Open();
        connection.Execute(
            database.Dialect.Upsert("archivedotorg_maintenance", ["maintenance_id", "reason", "enabled_by", "host", "enabled_at"], ["maintenance_id"],
                ["reason", "enabled_by", "host", "enabled_at"]),
            new
            {
                maintenance_id = TheRow,
                reason = ColumnText.Clip(reason, ColumnLengths.Maintenance.Reason),
                enabled_by = ColumnText.Clip(enabledBy, ColumnLengths.Maintenance.EnabledBy),
                host = ColumnText.Clip(host, ColumnLengths.Maintenance.Host),
                enabled_at = now,
            });
        return Get();
    }

    /// <summary>Turns maintenance off; returns whether it was on.</summary>
    public bool Disable()
    {
        using var connection = database.Open();
        return connection.Execute("DELETE FROM archivedotorg_maintenance WHERE maintenance_id = @TheRow", new { TheRow }) > 0;
    }
}
