namespace ArchiveImport.Core.Schema;

/// <summary>
/// The length of every text column of the catalog, in one place: the migrations create the columns from these, the
/// artist config validator rejects config values that would not fit, the identifier check uses the identifier length,
/// and the repositories clip free text to them. SQLite stores any length and MySQL refuses what does not fit, so
/// nothing may reach either engine longer than this; lengths are counted in UTF-16 code units, never fewer than the
/// characters MySQL counts, so a value that fits here fits there.
/// </summary>
/// <remarks>
/// Migration 1 has been applied to existing catalogs: its lengths must never change here. A wider column is a new
/// migration and a new constant (the old one stays for migration 1).
/// </remarks>
public static class ColumnLengths
{
    /// <summary>archive.org identifiers are at most 255 characters (and so are the columns that hold them).</summary>
    public const int Identifier = 255;

    /// <summary>archivedotorg_artist.</summary>
    public static class Artist
    {
        /// <summary>artist_name: the config's <c>name</c> (validated).</summary>
        public const int Name = 200;

        /// <summary>collection_id: the config's <c>collection</c> (validated).</summary>
        public const int CollectionId = 200;
    }

    /// <summary>archivedotorg_maintenance.</summary>
    public static class Maintenance
    {
        /// <summary>reason (clipped).</summary>
        public const int Reason = 500;

        /// <summary>enabled_by: the user name (clipped).</summary>
        public const int EnabledBy = 128;

        public const int Host = 255;
    }

    /// <summary>archivedotorg_import_run.</summary>
    public static class ImportRun
    {
        public const int RunType = 20;
        public const int Status = 20;
        public const int Host = 255;

        /// <summary>error_message (clipped).</summary>
        public const int ErrorMessage = 4000;
    }

    /// <summary>archivedotorg_show_metadata (identifier: <see cref="ColumnLengths.Identifier"/>).</summary>
    public static class ShowMetadata
    {
        public const int Status = 20;

        /// <summary>file_path: where the metadata file is (validated: a clipped path would point nowhere).</summary>
        public const int FilePath = 1000;

        public const int ContentHash = 64;

        /// <summary>source_updated: archive.org's change stamp (clipped; a clipped stamp never equals the next scrape's, so the show is re-checked by hash).</summary>
        public const int SourceUpdated = 64;

        /// <summary>reason: why a show is not importable (clipped).</summary>
        public const int Reason = 1000;
    }

    /// <summary>archivedotorg_show_metadata_content (identifier: <see cref="ColumnLengths.Identifier"/>).</summary>
    public static class ShowMetadataContent
    {
        /// <summary>body_sha256: the SHA-256 of the uncompressed body, in hex.</summary>
        public const int BodySha256 = 64;
    }

    /// <summary>archivedotorg_worker_round.</summary>
    public static class WorkerRound
    {
        /// <summary>round_name: the name workers share a round by (validated).</summary>
        public const int RoundName = 100;

        /// <summary>worker: who processed the artist (clipped).</summary>
        public const int Worker = 200;

        public const int Outcome = 20;
    }

    /// <summary>archivedotorg_unmatched_track.</summary>
    public static class UnmatchedTrack
    {
        /// <summary>track_name: a raw title (clipped).</summary>
        public const int TrackName = 500;

        /// <summary>normalized_name: a normalised title, a key (cut without an ellipsis, as in catalog_track_song).</summary>
        public const int NormalizedName = 255;

        /// <summary>suggested_match: a song name (clipped).</summary>
        public const int SuggestedMatch = 500;
    }

    /// <summary>archivedotorg_daily_metrics.</summary>
    public static class DailyMetrics
    {
        public const int MetricDate = 10;
    }

    /// <summary>archivedotorg_activity_log.</summary>
    public static class ActivityLog
    {
        public const int Level = 16;
        public const int Event = 64;

        /// <summary>message (clipped).</summary>
        public const int Message = 4000;

        /// <summary>user_name: who ran the command (clipped).</summary>
        public const int UserName = 128;

        /// <summary>host: the machine it ran on (clipped).</summary>
        public const int Host = 255;

        /// <summary>command: the cmdlet or script step (clipped).</summary>
        public const int Command = 100;

        /// <summary>target: what the command acted on (clipped).</summary>
        public const int Target = 1000;

        public const int Outcome = 16;

        /// <summary>artist: the artist's name as given (clipped to the artist name's length).</summary>
        public const int Artist = 200;

        /// <summary>error_id: the failed command's error id (clipped).</summary>
        public const int ErrorId = 100;
    }

    /// <summary>archivedotorg_studio_albums.</summary>
    public static class StudioAlbums
    {
        public const int AlbumTitle = 500;

        /// <summary>cover_url (migration 9): the config's <c>cover</c>, validated.</summary>
        public const int CoverUrl = 1000;
    }

    /// <summary>archivedotorg_artwork_overrides (identifier: <see cref="ColumnLengths.Identifier"/>).</summary>
    public static class ArtworkOverrides
    {
        public const int ImageUrl = 1000;
        public const int Note = 1000;
    }

    /// <summary>catalog_song.</summary>
    public static class Song
    {
        /// <summary>song_key: a track's <c>key</c> in the config (validated).</summary>
        public const int Key = 200;

        /// <summary>song_name: a track's <c>name</c> in the config (validated).</summary>
        public const int Name = 500;
    }

    /// <summary>catalog_show (identifier: <see cref="ColumnLengths.Identifier"/>); the free text is clipped.</summary>
    public static class Show
    {
        public const int ShowDate = 10;
        public const int Title = 1000;
        public const int Venue = 500;
        public const int Coverage = 500;
        public const int Source = 1000;
        public const int Taper = 500;
        public const int Lineage = 2000;
        public const int AudioFormat = 50;
        public const int MetadataHash = 64;
        public const int MatcherVersion = 64;
    }

    /// <summary>catalog_track; the free text is clipped.</summary>
    /// <summary>Migration 8: what a recording adds to catalog_show, and the concert it belongs to.</summary>
    public static class Recording
    {
        public const int SourceType = 10;
        public const int Transferer = 500;
        public const int City = 200;
        public const int Region = 200;
    }

    /// <summary>Migration 8: catalog_concert.</summary>
    public static class Concert
    {
        /// <summary>The show date (yyyy-MM-dd), or "undated:" and the identifier of an undated recording's own concert.</summary>
        public const int ConcertKey = 270;
    }

    public static class Track
    {
        public const int Title = 1000;
        public const int FileName = 1000;
    }

    /// <summary>catalog_track_song.</summary>
    public static class TrackSong
    {
        /// <summary>segment_text: one song's part of a raw title (clipped).</summary>
        public const int SegmentText = 500;

        /// <summary>normalized_text: the key unmatched titles are counted by (cut without an ellipsis, as in archivedotorg_unmatched_track).</summary>
        public const int NormalizedText = 255;

        public const int MatchMethod = 20;
    }
}
