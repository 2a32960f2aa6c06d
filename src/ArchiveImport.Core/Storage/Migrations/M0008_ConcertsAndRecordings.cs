using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Concerts and their recordings: each catalog_show row is one recording (an archive.org item) and belongs to one
/// catalog_concert (an artist's show on one date), which names its preferred recording. The new columns are filled by
/// the next populate, which rewrites every show once (the catalog format is part of each show's stored version).
/// </summary>
[Migration(8, "Concerts, their recordings and the preferred recording")]
public sealed class M0008_ConcertsAndRecordings : Migration
{
    public override void Up()
    {
        Create.Table("catalog_concert")
            .WithColumn("concert_id").AsInt64().PrimaryKey().Identity()
            .WithColumn("artist_id").AsInt32().NotNullable()
            .WithColumn("concert_key").AsString(ColumnLengths.Concert.ConcertKey).NotNullable()
            .WithColumn("show_date").AsString(ColumnLengths.Show.ShowDate).Nullable()
            .WithColumn("venue").AsString(ColumnLengths.Show.Venue).Nullable()
            .WithColumn("city").AsString(ColumnLengths.Recording.City).Nullable()
            .WithColumn("region").AsString(ColumnLengths.Recording.Region).Nullable()
            .WithColumn("preferred_show_id").AsInt64().Nullable()
            .WithColumn("recording_count").AsInt32().NotNullable().WithDefaultValue(0);
        Create.Index("ux_concert_artist_key").OnTable("catalog_concert")
            .OnColumn("artist_id").Ascending().OnColumn("concert_key").Ascending().WithOptions().Unique();
        Create.Index("ix_concert_artist_date").OnTable("catalog_concert")
            .OnColumn("artist_id").Ascending().OnColumn("show_date").Ascending();
        Create.Index("ix_concert_show_date").OnTable("catalog_concert").OnColumn("show_date");

        Alter.Table("catalog_show")
            .AddColumn("concert_id").AsInt64().Nullable()
            .AddColumn("source_type").AsString(ColumnLengths.Recording.SourceType).Nullable()
            .AddColumn("transferer").AsString(ColumnLengths.Recording.Transferer).Nullable()
            .AddColumn("city").AsString(ColumnLengths.Recording.City).Nullable()
            .AddColumn("region").AsString(ColumnLengths.Recording.Region).Nullable()
            .AddColumn("avg_rating").AsDouble().Nullable()
            .AddColumn("num_reviews").AsInt32().Nullable()
            .AddColumn("downloads").AsInt64().Nullable()
            .AddColumn("duration_seconds").AsDouble().Nullable()
            .AddColumn("tracks_matched").AsInt32().NotNullable().WithDefaultValue(0)
            .AddColumn("tracks_unmatched").AsInt32().NotNullable().WithDefaultValue(0)
            .AddColumn("preferred_by_operator").AsBoolean().NotNullable().WithDefaultValue(false);
        Create.Index("ix_show_concert").OnTable("catalog_show").OnColumn("concert_id");

        // Get-ArchiveTrack -Song and Get-ArchiveSong go from a song to its tracks; the track's show is its primary key away.
        Create.Index("ix_track_song_song_track").OnTable("catalog_track_song")
            .OnColumn("song_id").Ascending().OnColumn("track_id").Ascending();
        Create.Index("ix_song_artist_name").OnTable("catalog_song")
            .OnColumn("artist_id").Ascending().OnColumn("song_name").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_song_artist_name").OnTable("catalog_song");
        Delete.Index("ix_track_song_song_track").OnTable("catalog_track_song");
        Delete.Index("ix_show_concert").OnTable("catalog_show");
        foreach (var column in new[]
                 {
                     "concert_id", "source_type", "transferer", "city", "region", "avg_rating", "num_reviews", "downloads",
                     "duration_seconds", "tracks_matched", "tracks_unmatched", "preferred_by_operator",
                 })
        {
            Delete.Column(column).FromTable("catalog_show");
        }

        Delete.Table("catalog_concert");
    }
}
