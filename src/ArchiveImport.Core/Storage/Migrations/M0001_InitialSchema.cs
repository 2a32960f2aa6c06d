using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// The nine tables of the older system, with the names and columns its runbook SQL queries, and the catalog beside them.
/// Text lengths come from <see cref="ColumnLengths"/>, which validation and clipping use too; they must never change
/// for this migration.
/// </summary>
[Migration(1, "Older system's archivedotorg_* tables and the catalog tables")]
public sealed class M0001_InitialSchema : Migration
{
    public override void Up()
    {
        Create.Table("archivedotorg_artist")
            .WithColumn("artist_id").AsInt32().PrimaryKey().Identity()
            .WithColumn("artist_name").AsString(ColumnLengths.Artist.Name).NotNullable().Unique("ux_artist_name")
            .WithColumn("collection_id").AsString(ColumnLengths.Artist.CollectionId).NotNullable()
            .WithColumn("created_at").AsDateTime().NotNullable()
            .WithColumn("updated_at").AsDateTime().NotNullable();

        Create.Table("archivedotorg_artist_status")
            .WithColumn("artist_id").AsInt32().PrimaryKey()
            .WithColumn("shows_downloaded").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("shows_not_importable").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("shows_populated").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_total").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_matched").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_unmatched").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_ignored").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("match_rate").AsDecimal(5, 2).NotNullable().WithDefaultValue(0)
            .WithColumn("last_download_at").AsDateTime().Nullable()
            .WithColumn("last_populate_at").AsDateTime().Nullable()
            .WithColumn("updated_at").AsDateTime().NotNullable();

        Create.Table("archivedotorg_import_run")
            .WithColumn("run_id").AsInt64().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("run_type").AsString(ColumnLengths.ImportRun.RunType).NotNullable()
            .WithColumn("status").AsString(ColumnLengths.ImportRun.Status).NotNullable()
            .WithColumn("started_at").AsDateTime().NotNullable()
            .WithColumn("finished_at").AsDateTime().Nullable()
            .WithColumn("heartbeat_at").AsDateTime().NotNullable()
            .WithColumn("shows_total").AsInt32().Nullable()
            .WithColumn("shows_processed").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("shows_failed").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_processed").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("host").AsString(ColumnLengths.ImportRun.Host).NotNullable()
            .WithColumn("pid").AsInt32().NotNullable()
            .WithColumn("stop_requested").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("error_message").AsString(ColumnLengths.ImportRun.ErrorMessage).Nullable();
        Create.Index("ix_import_run_status").OnTable("archivedotorg_import_run").OnColumn("status");
        Create.Index("ix_import_run_started").OnTable("archivedotorg_import_run").OnColumn("started_at");
        Create.Index("ix_import_run_artist").OnTable("archivedotorg_import_run")
            .OnColumn("artist_id").Ascending().OnColumn("run_type").Ascending().OnColumn("status").Ascending();

        Create.Table("archivedotorg_show_metadata")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("identifier").AsString(ColumnLengths.Identifier).NotNullable().Unique("ux_show_metadata_identifier")
            .WithColumn("status").AsString(ColumnLengths.ShowMetadata.Status).NotNullable()
            .WithColumn("file_path").AsString(ColumnLengths.ShowMetadata.FilePath).Nullable()
            .WithColumn("content_hash").AsString(ColumnLengths.ShowMetadata.ContentHash).Nullable()
            .WithColumn("bytes").AsInt64().NotNullable().WithDefaultValue(0)
            .WithColumn("source_updated").AsString(ColumnLengths.ShowMetadata.SourceUpdated).Nullable()
            .WithColumn("reason").AsString(ColumnLengths.ShowMetadata.Reason).Nullable()
            .WithColumn("downloaded_at").AsDateTime().NotNullable()
            .WithColumn("checked_at").AsDateTime().NotNullable();
        Create.Index("ix_show_metadata_artist").OnTable("archivedotorg_show_metadata").OnColumn("artist_id");

        Create.Table("archivedotorg_unmatched_track")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("track_name").AsString(ColumnLengths.UnmatchedTrack.TrackName).NotNullable()
            .WithColumn("normalized_name").AsString(ColumnLengths.UnmatchedTrack.NormalizedName).NotNullable()
            .WithColumn("occurrences").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("suggested_match").AsString(ColumnLengths.UnmatchedTrack.SuggestedMatch).Nullable()
            .WithColumn("first_seen").AsDateTime().NotNullable()
            .WithColumn("last_seen").AsDateTime().NotNullable()
            .WithColumn("resolved").AsBoolean().NotNullable().WithDefaultValue(false);
        Create.Index("ux_unmatched_artist_name").OnTable("archivedotorg_unmatched_track")
            .OnColumn("artist_id").Ascending().OnColumn("normalized_name").Ascending().WithOptions().Unique();
        Create.Index("ix_unmatched_resolved").OnTable("archivedotorg_unmatched_track")
            .OnColumn("resolved").Ascending().OnColumn("occurrences").Descending();

        Create.Table("archivedotorg_daily_metrics")
            .WithColumn("metric_date").AsString(ColumnLengths.DailyMetrics.MetricDate).PrimaryKey()
            .WithColumn("artist_id").AsInt32().PrimaryKey()
            .WithColumn("shows_downloaded").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("shows_populated").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("tracks_processed").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("errors").AsInt32().NotNullable().WithDefaultValue(0);

        Create.Table("archivedotorg_activity_log")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("occurred_at").AsDateTime().NotNullable()
            .WithColumn("level").AsString(ColumnLengths.ActivityLog.Level).NotNullable()
            .WithColumn("event").AsString(ColumnLengths.ActivityLog.Event).NotNullable()
            .WithColumn("artist_id").AsInt32().Nullable()
            .WithColumn("run_id").AsInt64().Nullable()
            .WithColumn("message").AsString(ColumnLengths.ActivityLog.Message).NotNullable();
        Create.Index("ix_activity_log_occurred").OnTable("archivedotorg_activity_log").OnColumn("occurred_at");

        Create.Table("archivedotorg_studio_albums")
            .WithColumn("album_id").AsInt32().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("album_title").AsString(ColumnLengths.StudioAlbums.AlbumTitle).NotNullable()
            .WithColumn("release_year").AsInt32().Nullable()
            .WithColumn("created_at").AsDateTime().NotNullable();

        Create.Table("archivedotorg_artwork_overrides")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().Nullable()
            .WithColumn("identifier").AsString(ColumnLengths.Identifier).Nullable()
            .WithColumn("image_url").AsString(ColumnLengths.ArtworkOverrides.ImageUrl).NotNullable()
            .WithColumn("note").AsString(ColumnLengths.ArtworkOverrides.Note).Nullable()
            .WithColumn("created_at").AsDateTime().NotNullable();

        Create.Table("catalog_song")
            .WithColumn("song_id").AsInt32().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("song_key").AsString(ColumnLengths.Song.Key).NotNullable()
            .WithColumn("song_name").AsString(ColumnLengths.Song.Name).NotNullable();
        Create.Index("ux_song_artist_key").OnTable("catalog_song")
            .OnColumn("artist_id").Ascending().OnColumn("song_key").Ascending().WithOptions().Unique();

        Create.Table("catalog_show")
            .WithColumn("show_id").AsInt64().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("identifier").AsString(ColumnLengths.Identifier).NotNullable().Unique("ux_show_identifier")
            .WithColumn("show_date").AsString(ColumnLengths.Show.ShowDate).Nullable()
            .WithColumn("title").AsString(ColumnLengths.Show.Title).Nullable()
            .WithColumn("venue").AsString(ColumnLengths.Show.Venue).Nullable()
            .WithColumn("coverage").AsString(ColumnLengths.Show.Coverage).Nullable()
            .WithColumn("source").AsString(ColumnLengths.Show.Source).Nullable()
            .WithColumn("taper").AsString(ColumnLengths.Show.Taper).Nullable()
            .WithColumn("lineage").AsString(ColumnLengths.Show.Lineage).Nullable()
            .WithColumn("audio_format").AsString(ColumnLengths.Show.AudioFormat).NotNullable()
            .WithColumn("track_count").AsInt32().NotNullable()
            .WithColumn("metadata_hash").AsString(ColumnLengths.Show.MetadataHash).NotNullable()
            .WithColumn("matcher_version").AsString(ColumnLengths.Show.MatcherVersion).NotNullable()
            .WithColumn("populated_at").AsDateTime().NotNullable();
        Create.Index("ix_show_artist_date").OnTable("catalog_show")
            .OnColumn("artist_id").Ascending().OnColumn("show_date").Ascending();

        Create.Table("catalog_track")
            .WithColumn("track_id").AsInt64().PrimaryKey().Identity()
            .WithColumn("show_id").AsInt64().NotNullable()
            .WithColumn("position").AsInt32().NotNullable()
            .WithColumn("disc").AsInt32().Nullable()
            .WithColumn("track_number").AsInt32().Nullable()
            .WithColumn("title").AsString(ColumnLengths.Track.Title).Nullable()
            .WithColumn("duration_seconds").AsDouble().Nullable()
            .WithColumn("file_name").AsString(ColumnLengths.Track.FileName).NotNullable()
            .WithColumn("segue").AsBoolean().NotNullable().WithDefaultValue(false);
        Create.Index("ux_track_show_position").OnTable("catalog_track")
            .OnColumn("show_id").Ascending().OnColumn("position").Ascending().WithOptions().Unique();

        // A track may be several songs ("Scarlet Begonias > Fire on the Mountain"): one row per song, in order.
        Create.Table("catalog_track_song")
            .WithColumn("track_id").AsInt64().PrimaryKey()
            .WithColumn("song_order").AsInt32().PrimaryKey()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("song_id").AsInt32().Nullable()
            .WithColumn("segment_text").AsString(ColumnLengths.TrackSong.SegmentText).NotNullable()
            .WithColumn("normalized_text").AsString(ColumnLengths.TrackSong.NormalizedText).NotNullable()
            .WithColumn("match_method").AsString(ColumnLengths.TrackSong.MatchMethod).NotNullable();
        Create.Index("ix_track_song_unmatched").OnTable("catalog_track_song")
            .OnColumn("artist_id").Ascending().OnColumn("match_method").Ascending().OnColumn("normalized_text").Ascending();
        Create.Index("ix_track_song_song").OnTable("catalog_track_song").OnColumn("song_id");
    }

    public override void Down()
    {
        foreach (var table in new[]
                 {
                     "catalog_track_song", "catalog_track", "catalog_show", "catalog_song",
                     "archivedotorg_artwork_overrides", "archivedotorg_studio_albums", "archivedotorg_activity_log",
                     "archivedotorg_daily_metrics", "archivedotorg_unmatched_track", "archivedotorg_show_metadata",
                     "archivedotorg_import_run", "archivedotorg_artist_status", "archivedotorg_artist",
                 })
        {
            Delete.Table(table);
        }
    }
}
