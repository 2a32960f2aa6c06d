namespace ArchiveImport.Core.Storage;

public static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>One download or populate run: a row of archivedotorg_import_run.</summary>
public sealed class ImportRun
{
    public long Id { get; init; }
    public string Artist { get; init; } = "";
    public int ArtistId { get; init; }
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public DateTime HeartbeatAt { get; init; }
    public int? ShowsTotal { get; init; }
    public int ShowsProcessed { get; init; }
    public int ShowsFailed { get; init; }
    public int TracksProcessed { get; init; }
    public string Host { get; init; } = "";
    public int Pid { get; init; }
    public bool StopRequested { get; init; }
    public string? ErrorMessage { get; init; }

    /// <summary>The kind of import as an enum, for the lock it holds (internal: <see cref="Type"/> is what operators see and export).</summary>
    internal ImportKind Kind => Enum.Parse<ImportKind>(Type, ignoreCase: true);

    public TimeSpan Duration => (FinishedAt ?? HeartbeatAt) - StartedAt;

    /// <summary>Shows done per second over the run so far (or over the whole run, once it has ended).</summary>
    public double ShowsPerSecond => Duration.TotalSeconds > 0 ? ShowsProcessed / Duration.TotalSeconds : 0;

    /// <summary>Shows done as a percentage of the shows the run set out to do; null until it knows how many.</summary>
    public int? PercentComplete => ShowsTotal is > 0 and var total ? (int)Math.Min(100, 100L * ShowsProcessed / total) : null;

    /// <summary>When a running run should end at its rate so far (UTC); null once ended, or before it knows its total or rate.</summary>
    public DateTime? EstimatedEnd => Status == RunStatus.Running && ShowsTotal is { } total && ShowsPerSecond > 0
        ? HeartbeatAt.AddSeconds(Math.Max(0, total - ShowsProcessed) / ShowsPerSecond)
        : null;

    /// <summary>Who holds the run's lock, while it runs; null once it has ended (nobody holds anything then).</summary>
    public string? Holder => Status == RunStatus.Running ? $"run {Id} on host {Host}, pid {Pid}, since {StartedAt:yyyy-MM-dd HH:mm:ss} UTC" : null;
}
