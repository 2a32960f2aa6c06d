using ArchiveImport.Core.Schema;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>A row of archivedotorg_worker_round: an artist a worker finished in a round, and how.</summary>
public sealed class WorkerRoundEntry
{
    public string Round { get; init; } = "";
    public int ArtistId { get; init; }
    public string Worker { get; init; } = "";
    public string Outcome { get; init; } = "";
    public long? DownloadRunId { get; init; }
    public long? PopulateRunId { get; init; }
    public DateTime FinishedAt { get; init; }
}

/// <summary>
/// Which artists each worker round has finished: what lets workers on several machines share one artist list, each
/// artist processed once per round. Claims themselves are locks (<see cref="IImportLocks.TryClaim"/>), never rows, so a
/// dead worker leaves nothing behind here.
/// </summary>
public sealed class WorkerRoundRepository
{
    private static readonly string[] Columns =
        ["round_name", "artist_id", "worker", "outcome", "download_run_id", "populate_run_id", "finished_at"];

    private readonly CatalogDatabase database;

    public WorkerRoundRepository(CatalogDatabase database) => this.database = database;

    public bool IsFinished(string round, int artistId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM archivedotorg_worker_round WHERE round_name = @round AND artist_id = @artistId", new { round, artistId }) > 0;
    }

    public IReadOnlyList<WorkerRoundEntry> ForRound(string round)
    {
        using var connection = database.Open();
        return connection.Query<WorkerRoundEntry>(
            """
            SELECT round_name AS Round, artist_id AS ArtistId, worker AS Worker, outcome AS Outcome, download_run_id AS DownloadRunId,
                   populate_run_id AS PopulateRunId, finished_at AS FinishedAt
            FROM archivedotorg_worker_round WHERE round_name = @round ORDER BY artist_id
            """,
            new { round }).AsList();
    }

    public void Record(WorkerRoundEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = database.Open();
        connection.Execute(
            database.Dialect.Upsert("archivedotorg_worker_round", Columns, ["round_name", "artist_id"], Columns[2..]),
            new
            {
                round_name = entry.Round,
                artist_id = entry.ArtistId,
                worker = ColumnText.Clip(entry.Worker, ColumnLengths.WorkerRound.Worker),
                outcome = entry.Outcome,
                download_run_id = entry.DownloadRunId,
                populate_run_id = entry.PopulateRunId,
                finished_at = entry.FinishedAt,
            });
    }
}
