using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Artwork: a studio album's cover and songs (from the artist config, written by populate) and one operator override
/// per recording. The tables themselves are migration 1's, kept for the older system's dashboard SQL.
/// </summary>
[Migration(9, "Studio album covers and songs, one artwork override per recording")]
public sealed class M0009_Artwork : Migration
{
    public override void Up()
    {
        Alter.Table("archivedotorg_studio_albums")
            .AddColumn("cover_url").AsString(ColumnLengths.StudioAlbums.CoverUrl).Nullable();
        Create.Index("ux_studio_albums_artist_title").OnTable("archivedotorg_studio_albums")
            .OnColumn("artist_id").Ascending().OnColumn("album_title").Ascending().WithOptions().Unique();

        Create.Table("archivedotorg_studio_album_song")
            .WithColumn("album_id").AsInt32().PrimaryKey()
            .WithColumn("song_id").AsInt32().PrimaryKey();
        // Get-ArchiveArtwork goes from a recording's first song to its albums.
        Create.Index("ix_studio_album_song_song").OnTable("archivedotorg_studio_album_song")
            .OnColumn("song_id").Ascending().OnColumn("album_id").Ascending();

        // NULL identifiers (an artist-wide override of the older system) stay allowed, any number of them: both engines
        // let a unique index hold several NULLs.
        Create.Index("ux_artwork_overrides_identifier").OnTable("archivedotorg_artwork_overrides")
            .OnColumn("identifier").Ascending().WithOptions().Unique();
        Create.Index("ix_artwork_overrides_artist").OnTable("archivedotorg_artwork_overrides").OnColumn("artist_id");
    }

    public override void Down()
    {
        Delete.Index("ix_artwork_overrides_artist").OnTable("archivedotorg_artwork_overrides");
        Delete.Index("ux_artwork_overrides_identifier").OnTable("archivedotorg_artwork_overrides");
        Delete.Table("archivedotorg_studio_album_song");
        Delete.Index("ux_studio_albums_artist_title").OnTable("archivedotorg_studio_albums");
        Delete.Column("cover_url").FromTable("archivedotorg_studio_albums");
    }
}
