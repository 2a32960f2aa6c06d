using ArchiveImport.Core.Storage;
using Dapper;

namespace ArchiveImport.Core.Tests.Metrics;

/// <summary>Writes catalog rows straight into the tables, for tests of what is computed from them.</summary>
internal sealed class CatalogSeed(ArchiveServices services)
{
    private int nextIdentifier;

    public int Artist(string name, DateTime createdAt) => services.Artists.Ensure(name, name.Replace(' ', '_'), createdAt);

    public void Run(int artistId, string status, DateTime startedAt)
    {
        var id = services.Runs.Start(artistId, ImportKind.Populate, startedAt);
        if (status != RunStatus.Running)
        {
            services.Runs.Finish(id, status, new RunCounts(1, 0, 1), status == RunStatus.Failed ? "boom" : null, startedAt.AddMinutes(1));
        }
    }

    /// <summary>A show populated at <paramref name="populatedAt"/>, one track per entry, each track the match methods of its songs.</summary>
    public void Show(int artistId, DateTime populatedAt, params string[][] tracks)
    {
        using var connection = services.Database.Open();
        var identifier = $"show{++nextIdentifier}";
        connection.Execute(
            """
            INSERT INTO catalog_show (artist_id, identifier, audio_format, track_count, metadata_hash, matcher_version, populated_at)
            VALUES (@artistId, @identifier, 'Flac', @count, 'h', 'v', @populatedAt)
            """,
            new { artistId, identifier, count = tracks.Length, populatedAt });
        var showId = connection.ExecuteScalar<long>("SELECT show_id FROM catalog_show WHERE identifier = @identifier", new { identifier });
        for (var position = 1; position <= tracks.Length; position++)
        {
            connection.Execute(
                "INSERT INTO catalog_track (show_id, position, file_name, segue) VALUES (@showId, @position, @file, @no)",
                new { showId, position, file = $"t{position}.flac", no = false });
            var trackId = connection.ExecuteScalar<long>(
                "SELECT track_id FROM catalog_track WHERE show_id = @showId AND position = @position", new { showId, position });
            var order = 0;
            foreach (var method in tracks[position - 1])
            {
                connection.Execute(
                    """
                    INSERT INTO catalog_track_song (track_id, song_order, artist_id, segment_text, normalized_text, match_method)
                    VALUES (@trackId, @order, @artistId, 'text', 'text', @method)
                    """,
                    new { trackId, order = ++order, artistId, method });
            }
        }
    }

    public void Unmatched(int artistId, string title, DateTime firstSeen, bool resolved = false, int occurrences = 1, string? suggestion = null)
    {
        using var connection = services.Database.Open();
        connection.Execute(
            """
            INSERT INTO archivedotorg_unmatched_track (artist_id, track_name, normalized_name, occurrences, suggested_match, first_seen, last_seen, resolved)
            VALUES (@artistId, @title, @normalized, @occurrences, @suggestion, @firstSeen, @firstSeen, @resolved)
            """,
            new { artistId, title, normalized = title.ToLowerInvariant(), occurrences, suggestion, firstSeen, resolved });
    }
}
