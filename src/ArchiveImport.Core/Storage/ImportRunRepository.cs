using Dapper;

namespace ArchiveImport.Core.Storage;

public sealed record RunFilter(
    IReadOnlyList<long>? Ids = null, IReadOnlyList<string>? Artists = null, string? Status = null, int? Last = null, DateTime? Since = null);

/// <summary>archivedotorg_import_run: every run from start to its end as completed, failed or cancelled.</summary>
public sealed class ImportRunRepository
{
    private const string Select = """
        SELECT r.run_id AS Id, a.artist_name AS Artist, r.artist_id AS ArtistId, r.run_type AS Type, r.status AS Status,
               r.started_at AS StartedAt, r.finished_at AS FinishedAt, r.heartbeat_at AS HeartbeatAt, r.shows_total AS ShowsTotal,
               r.shows_processed AS ShowsProcessed, r.shows_failed AS ShowsFailed, r.tracks_processed AS TracksProcessed,
               r.host AS Host, r.pid AS Pid, r.stop_requested AS StopRequested, r.error_message AS ErrorMessage
        FROM archivedotorg_import_run r JOIN archivedotorg_artist a ON a.artist_id = r.artist_id
        """;

    /// <summary>
    /// The same columns from the run table alone, each artist's name looked up by its key. Given the join, MariaDB read
    /// every run from the (small) artist side and sorted them all, whatever index the run's own condition could use.
    /// </summary>
    private static readonly string SelectRuns = Select
        .Replace("a.artist_name AS Artist", "(SELECT a.artist_name FROM archivedotorg_artist a WHERE a.artist_id = r.artist_id) AS Artist", StringComparison.Ordinal)
        .Replace(" JOIN archivedotorg_artist a ON a.artist_id = r.artist_id", "", StringComparison.Ordinal);

    private readonly CatalogDatabase database;

    public ImportRunRepository(CatalogDatabase database) => this.database = database;

    public long Start(int artistId, ImportKind kind, DateTime now)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO archivedotorg_import_run (artist_id, run_type, status, started_at, heartbeat_at, host, pid, stop_requested)
            VALUES (@artistId, @type, @status, @now, @now, @host, @pid, @no)
            """,
            new { artistId, type = TypeName(kind), status = RunStatus.Running, now, host = Environment.MachineName, pid = Environment.ProcessId, no = false });
        return connection.ExecuteScalar<long>(database.Dialect.LastInsertId);
    }

    public void SetTotal(long runId, int total)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE archivedotorg_import_run SET shows_total = @total WHERE run_id = @runId", new { runId, total });
    }

    /// <summary>Records progress and returns whether someone asked the run to stop; on the run's own connection when given.</summary>
    public bool Heartbeat(long runId, RunCounts counts, DateTime now, SharedConnection? on = null) => Use(on, connection =>
    {
        connection.Execute(
            """
            UPDATE archivedotorg_import_run SET heartbeat_at = @now, shows_processed = @ShowsProcessed, shows_failed = @ShowsFailed,
                   tracks_processed = @TracksProcessed
            WHERE run_id = @runId
            """,
            new { runId, now, counts.ShowsProcessed, counts.ShowsFailed, counts.TracksProcessed });
        return connection.ExecuteScalar<bool>("SELECT stop_requested FROM archivedotorg_import_run WHERE run_id = @runId", new { runId });
    });

    /// <summary>Whether someone asked the run to stop (read before every show: on the run's own connection when given).</summary>
    public bool IsStopRequested(long runId, SharedConnection? on = null) =>
        Use(on, connection => connection.ExecuteScalar<bool>("SELECT stop_requested FROM archivedotorg_import_run WHERE run_id = @runId", new { runId }));

    private T Use<T>(SharedConnection? shared, Func<System.Data.Common.DbConnection, T> work)
    {
        if (shared is not null)
        {
            return shared.Use(work);
        }

        using var connection = database.Open();
        return work(connection);
    }

    public void Finish(long runId, string status, RunCounts counts, string? errorMessage, DateTime now)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            UPDATE archivedotorg_import_run SET status = @status, finished_at = @now, heartbeat_at = @now,
                   shows_processed = @ShowsProcessed, shows_failed = @ShowsFailed, tracks_processed = @TracksProcessed,
                   error_message = @errorMessage
            WHERE run_id = @runId AND status = @running
            """,
            new { runId, status, now, counts.ShowsProcessed, counts.ShowsFailed, counts.TracksProcessed, errorMessage = Truncate(errorMessage), running = RunStatus.Running });
    }

    public void RequestStop(long runId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE archivedotorg_import_run SET stop_requested = @yes WHERE run_id = @runId AND status = @running", new { runId, yes = true, running = RunStatus.Running });
    }

    /// <summary>Marks a run that is no longer running anywhere as failed, unless it finished meanwhile.</summary>
    public void MarkEnded(long runId, string status, string message, DateTime now)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            UPDATE archivedotorg_import_run SET status = @status, finished_at = @now, error_message = @message
            WHERE run_id = @runId AND status = @running
            """,
            new { runId, status, message = Truncate(message), now, running = RunStatus.Running });
    }

    public ImportRun? Get(long runId) => Find(new RunFilter(Ids: [runId])).SingleOrDefault();

    public IReadOnlyList<ImportRun> Running(int? artistId = null, ImportKind? kind = null)
    {
        using var connection = database.Open();
        return connection.Query<ImportRun>(
            Select + " WHERE r.status = @running AND (@artistId IS NULL OR r.artist_id = @artistId) AND (@type IS NULL OR r.run_type = @type) ORDER BY r.run_id",
            new { running = RunStatus.Running, artistId, type = kind is { } k ? TypeName(k) : null }).AsList();
    }

    public IReadOnlyList<ImportRun> Find(RunFilter filter)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.Ids is { Count: > 0 })
        {
            where.Add("r.run_id IN @ids");
            parameters.Add("ids", filter.Ids);
        }

        if (filter.Artists is { Count: > 0 })
        {
            where.Add("a.artist_name IN @artists");
            parameters.Add("artists", filter.Artists);
        }

        if (filter.Status is not null)
        {
            where.Add("r.status = @status");
            parameters.Add("status", filter.Status);
        }

        if (filter.Since is { } since)
        {
            where.Add("r.started_at >= @since");
            parameters.Add("since", since);
        }

        var sql = Select + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY r.run_id DESC";
        if (filter.Last is { } last)
        {
            sql += " LIMIT @last";
            parameters.Add("last", last);
        }

        using var connection = database.Open();
        return connection.Query<ImportRun>(sql, parameters).Reverse().ToList();
    }

    /// <summary>The latest <paramref name="count"/> runs of every artist, oldest first: read backwards along the primary key.</summary>
    public IReadOnlyList<ImportRun> Latest(int count)
    {
        using var connection = database.Open();
        return connection.Query<ImportRun>(SelectRuns + " ORDER BY r.run_id DESC LIMIT @count", new { count }).Reverse().ToList();
    }

    /// <summary>The runs that started or ended at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<ImportRun> StartedOrEndedSince(DateTime since)
    {
        using var connection = database.Open();
        return connection.Query<ImportRun>(SelectRuns + " WHERE r.started_at >= @since OR r.finished_at >= @since ORDER BY r.run_id", new { since }).AsList();
    }

    /// <summary>When the newest run started, or null for a catalog that has never run an import.</summary>
    public DateTime? LatestStart()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<DateTime?>("SELECT MAX(started_at) FROM archivedotorg_import_run");
    }

    /// <summary>How many runs that have ended started before <paramref name="before"/>.</summary>
    public int CountEndedBefore(DateTime before)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM archivedotorg_import_run WHERE started_at < @before AND status <> @running", new { before, running = RunStatus.Running });
    }

    /// <summary>Deletes the runs that have ended and started before <paramref name="before"/>; a running run is never deleted.</summary>
    public int DeleteEndedBefore(DateTime before)
    {
        using var connection = database.Open();
        return connection.Execute(
            "DELETE FROM archivedotorg_import_run WHERE started_at < @before AND status <> @running", new { before, running = RunStatus.Running });
    }

    public static string TypeName(ImportKind kind) => kind.ToString().ToLowerInvariant();

    private static string? Truncate(string? message) => Schema.ColumnText.Clip(message, Schema.ColumnLengths.ImportRun.ErrorMessage);
}

public sealed record RunCounts(int ShowsProcessed, int ShowsFailed, int TracksProcessed);
