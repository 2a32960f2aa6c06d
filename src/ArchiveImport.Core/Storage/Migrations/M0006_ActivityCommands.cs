using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Who did what: each state-changing command (and each step a script records) becomes one activity row with its user,
/// host, command, target, outcome and duration. The columns are nullable because the rows written before have none.
/// </summary>
[Migration(6, "Activity log: user, host, command, target, outcome and duration")]
public sealed class M0006_ActivityCommands : Migration
{
    private const string Table = "archivedotorg_activity_log";

    public override void Up()
    {
        Alter.Table(Table).AddColumn("user_name").AsString(ColumnLengths.ActivityLog.UserName).Nullable();
        Alter.Table(Table).AddColumn("host").AsString(ColumnLengths.ActivityLog.Host).Nullable();
        Alter.Table(Table).AddColumn("command").AsString(ColumnLengths.ActivityLog.Command).Nullable();
        Alter.Table(Table).AddColumn("target").AsString(ColumnLengths.ActivityLog.Target).Nullable();
        Alter.Table(Table).AddColumn("outcome").AsString(ColumnLengths.ActivityLog.Outcome).Nullable();
        Alter.Table(Table).AddColumn("duration_ms").AsInt64().Nullable();
        Alter.Table(Table).AddColumn("artist").AsString(ColumnLengths.ActivityLog.Artist).Nullable();
        Alter.Table(Table).AddColumn("error_id").AsString(ColumnLengths.ActivityLog.ErrorId).Nullable();

        // Get-ArchiveActivity reads newest first within each filter.
        Create.Index("ix_activity_log_command").OnTable(Table).OnColumn("command").Ascending().OnColumn("occurred_at").Descending();
        Create.Index("ix_activity_log_artist").OnTable(Table).OnColumn("artist").Ascending().OnColumn("occurred_at").Descending();
        Create.Index("ix_activity_log_artist_id").OnTable(Table).OnColumn("artist_id").Ascending().OnColumn("occurred_at").Descending();
        Create.Index("ix_activity_log_outcome").OnTable(Table).OnColumn("outcome").Ascending().OnColumn("occurred_at").Descending();
    }

    public override void Down()
    {
        foreach (var index in new[] { "ix_activity_log_command", "ix_activity_log_artist", "ix_activity_log_artist_id", "ix_activity_log_outcome" })
        {
            Delete.Index(index).OnTable(Table);
        }

        foreach (var column in new[] { "user_name", "host", "command", "target", "outcome", "duration_ms", "artist", "error_id" })
        {
            Delete.Column(column).FromTable(Table);
        }
    }
}
