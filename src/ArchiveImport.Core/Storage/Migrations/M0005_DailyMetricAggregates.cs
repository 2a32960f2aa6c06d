using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// What Update-ArchiveDailyMetric recomputes for a day beside the counters the jobs add as they go: runs by outcome,
/// the catalog's shows and tracks at the end of the day, its match rate and the unmatched titles still open.
/// </summary>
[Migration(5, "Daily metrics recomputed from runs, catalog and unmatched titles")]
public sealed class M0005_DailyMetricAggregates : Migration
{
    private static readonly string[] Counts =
    [
        "runs_started", "runs_completed", "runs_failed", "runs_cancelled", "runs_running",
        "catalog_shows", "catalog_tracks", "tracks_matched", "tracks_unmatched", "unmatched_titles",
    ];

    public override void Up()
    {
        foreach (var column in Counts)
        {
            Alter.Table("archivedotorg_daily_metrics").AddColumn(column).AsInt32().NotNullable().WithDefaultValue(0);
        }

        Alter.Table("archivedotorg_daily_metrics").AddColumn("match_rate").AsDecimal(5, 2).NotNullable().WithDefaultValue(0);
        Alter.Table("archivedotorg_daily_metrics").AddColumn("recomputed_at").AsDateTime().Nullable();
    }

    public override void Down()
    {
        foreach (var column in Counts.Append("match_rate").Append("recomputed_at"))
        {
            Delete.Column(column).FromTable("archivedotorg_daily_metrics");
        }
    }
}
