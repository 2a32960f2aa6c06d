using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>archivedotorg_activity_log: what happened, for people reading history later.</summary>
public sealed class ActivityLog
{
    private readonly CatalogDatabase database;

    public ActivityLog(CatalogDatabase database) => this.database = database;

    public void Write(string level, string @event, string message, DateTime now, int? artistId = null, long? runId = null)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO archivedotorg_activity_log (occurred_at, level, event, artist_id, run_id, message)
            VALUES (@now, @level, @event, @artistId, @runId, @message)
            """,
            new { now, level, @event, artistId, runId, message = ColumnText.Clip(database.Target.Redact(message), ColumnLengths.ActivityLog.Message) });
    }
}
