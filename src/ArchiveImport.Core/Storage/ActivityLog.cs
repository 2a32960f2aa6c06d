using System.Text;
using ArchiveImport.Core.Schema;
using ArchiveImport.Core.Settings;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>archivedotorg_activity_log: what happened and who did it, for people reading history later.</summary>
public sealed class ActivityLog
{
    private const string Columns =
        """
        l.id AS Id, l.occurred_at AS Time, l.user_name AS User, l.host AS Host, l.command AS Command, l.target AS Target,
        l.outcome AS Outcome, l.duration_ms AS DurationMilliseconds, COALESCE(l.artist, a.artist_name) AS Artist, l.run_id AS RunId,
        l.level AS Level, l.event AS Event, l.message AS Message, l.error_id AS ErrorId
        FROM archivedotorg_activity_log l LEFT JOIN archivedotorg_artist a ON a.artist_id = l.artist_id
        """;

    private readonly CatalogDatabase database;

    public ActivityLog(CatalogDatabase database) => this.database = database;

    /// <summary>An event inside the work (a run started, a stop requested), written by the user on this host.</summary>
    public void Write(string level, string @event, string message, DateTime now, int? artistId = null, long? runId = null) =>
        Insert(new ActivityEntry(now, level, @event, message) { ArtistId = artistId, RunId = runId });

    /// <summary>A command or a script's step, with who ran it, where, on what, how it ended and how long it took.</summary>
    public ActivityRecord Record(ActivityEntry entry)
    {
        var artistId = entry.ArtistId ?? (entry.Artist is { } artist ? FindArtist(artist) : null);
        entry = entry with { ArtistId = artistId };
        var id = Insert(entry);
        if (!HasCommandColumns())
        {
            return new ActivityRecord
            {
                Id = id, Time = entry.OccurredAt, User = entry.UserName, Host = entry.Host, Command = entry.Command, Target = entry.Target,
                Outcome = entry.Outcome, Duration = entry.Duration, Artist = entry.Artist, RunId = entry.RunId, Level = entry.Level,
                Event = entry.Event, Message = entry.Message, ErrorId = entry.ErrorId,
            };
        }

        using var connection = database.Open();
        return connection.QuerySingle<ActivityRecord>($"SELECT {Columns} WHERE l.id = @id", new { id });
    }

    /// <summary>Newest first; filters left null are not applied. A command name may hold the wildcards * and ?.</summary>
    public IReadOnlyList<ActivityRecord> Read(ActivityFilter filter)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.Since is { } since)
        {
            where.Add("l.occurred_at >= @since");
            parameters.Add("since", since.ToUniversalTime());
        }

        if (filter.Artist is { } artist)
        {
            where.Add("(l.artist = @artist OR l.artist_id = @artistId)");
            parameters.Add("artist", artist);
            parameters.Add("artistId", FindArtist(artist) ?? -1);
        }

        if (filter.Command is { } command)
        {
            where.Add("l.command LIKE @command ESCAPE '!'");
            parameters.Add("command", LikePattern(command));
        }

        if (filter.Outcome is { } outcome)
        {
            where.Add("l.outcome = @outcome");
            parameters.Add("outcome", outcome);
        }

        var sql = new StringBuilder($"SELECT {Columns}");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY l.occurred_at DESC, l.id DESC");
        if (filter.Last is { } last)
        {
            sql.Append(" LIMIT @last");
            parameters.Add("last", last);
        }

        using var connection = database.Open();
        return connection.Query<ActivityRecord>(sql.ToString(), parameters).ToList();
    }

    private long Insert(ActivityEntry entry)
    {
        if (!HasCommandColumns())
        {
            return InsertIntoOlderSchema(entry);
        }

        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO archivedotorg_activity_log
                (occurred_at, level, event, artist_id, run_id, message, user_name, host, command, target, outcome, duration_ms, artist, error_id)
            VALUES (@occurredAt, @level, @event, @artistId, @runId, @message, @userName, @host, @command, @target, @outcome, @durationMs, @artist, @errorId)
            """,
            new
            {
                occurredAt = entry.OccurredAt,
                level = ColumnText.Clip(entry.Level, ColumnLengths.ActivityLog.Level),
                @event = ColumnText.Clip(entry.Event, ColumnLengths.ActivityLog.Event),
                artistId = entry.ArtistId,
                runId = entry.RunId,
                message = Fit(entry.Message, ColumnLengths.ActivityLog.Message) ?? "",
                userName = Fit(entry.UserName, ColumnLengths.ActivityLog.UserName),
                host = Fit(entry.Host, ColumnLengths.ActivityLog.Host),
                command = Fit(entry.Command, ColumnLengths.ActivityLog.Command),
                target = Fit(entry.Target, ColumnLengths.ActivityLog.Target),
                outcome = Fit(entry.Outcome, ColumnLengths.ActivityLog.Outcome),
                durationMs = entry.Duration is { } duration ? (long?)Math.Max(0, (long)duration.TotalMilliseconds) : null,
                artist = Fit(entry.Artist, ColumnLengths.ActivityLog.Artist),
                errorId = Fit(entry.ErrorId, ColumnLengths.ActivityLog.ErrorId),
            });
        return connection.ExecuteScalar<long>(database.Dialect.LastInsertId);
    }

    /// <summary>
    /// False on a catalog not yet at schema version 6. A deployment pauses imports, backs up and, on a failure, rolls back
    /// while the catalog is at the previous release's schema; what it records then must still be written.
    /// </summary>
    private bool HasCommandColumns()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>($"SELECT MAX(Version) FROM {SchemaMigrator.VersionTable}") >= 6;
    }

    /// <summary>The columns every schema version has; the command, target and outcome go into the message.</summary>
    private long InsertIntoOlderSchema(ActivityEntry entry)
    {
        var said = entry.Command is null ? entry.Message : $"{entry.Command} {entry.Target}: {entry.Outcome}. {entry.Message}".Trim();
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO archivedotorg_activity_log (occurred_at, level, event, artist_id, run_id, message)
            VALUES (@occurredAt, @level, @event, @artistId, @runId, @message)
            """,
            new
            {
                occurredAt = entry.OccurredAt,
                level = ColumnText.Clip(entry.Level, ColumnLengths.ActivityLog.Level),
                @event = ColumnText.Clip(entry.Event, ColumnLengths.ActivityLog.Event),
                artistId = entry.ArtistId,
                runId = entry.RunId,
                message = Fit(said, ColumnLengths.ActivityLog.Message) ?? "",
            });
        return connection.ExecuteScalar<long>(database.Dialect.LastInsertId);
    }

    /// <summary>Free text is clipped to its column; anything shaped like a password, or the catalog's own, is masked first.</summary>
    private string? Fit(string? text, int length) =>
        text is null ? null : ColumnText.Clip(DatabaseTarget.Redact(text, database.Target.ConnectionString), length);

    private int? FindArtist(string name)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int?>("SELECT artist_id FROM archivedotorg_artist WHERE artist_name = @name", new { name });
    }

    /// <summary>PowerShell's wildcards (* and ?) as a LIKE pattern; LIKE's own characters are taken literally.</summary>
    private static string LikePattern(string wildcard)
    {
        var pattern = new StringBuilder(wildcard.Length);
        foreach (var c in wildcard)
        {
            pattern.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '!' => "!" + c,
                _ => c.ToString(),
            });
        }

        return pattern.ToString();
    }
}
