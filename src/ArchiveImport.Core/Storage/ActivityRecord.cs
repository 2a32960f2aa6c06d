namespace ArchiveImport.Core.Storage;

/// <summary>One row of the activity log as Get-ArchiveActivity shows it. Rows written before commands were recorded have no user, host, command or outcome.</summary>
public sealed class ActivityRecord
{
    public long Id { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime Time { get; init; }

    public string? User { get; init; }
    public string? Host { get; init; }
    public string? Command { get; init; }
    public string? Target { get; init; }
    public string? Outcome { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? Artist { get; init; }
    public long? RunId { get; init; }
    public string Level { get; init; } = "";
    public string Event { get; init; } = "";
    public string Message { get; init; } = "";

    /// <summary>The error id a failed command ended with.</summary>
    public string? ErrorId { get; init; }

    /// <summary>The duration_ms column, as Dapper reads it into <see cref="Duration"/>.</summary>
    private long? DurationMilliseconds
    {
        init => Duration = value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
    }
}

/// <summary>What to write as one activity row. User and host default to whoever runs this process, where.</summary>
public sealed record ActivityEntry(DateTime OccurredAt, string Level, string Event, string Message)
{
    public string? UserName { get; init; } = Environment.UserName;
    public string? Host { get; init; } = Environment.MachineName;
    public string? Command { get; init; }
    public string? Target { get; init; }
    public string? Outcome { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? Artist { get; init; }
    public int? ArtistId { get; init; }
    public long? RunId { get; init; }
    public string? ErrorId { get; init; }
}

/// <summary>Which activity rows to read; a null filter is not applied.</summary>
public sealed record ActivityFilter(DateTime? Since = null, string? Artist = null, string? Command = null, string? Outcome = null, int? Last = null);

/// <summary>How a command or a script's step ended, as the activity log's outcome column holds it.</summary>
public static class ActivityOutcome
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string Skipped = "Skipped";
    public const string Undone = "Undone";
    public const string Started = "Started";

    public static readonly IReadOnlyList<string> All = [Succeeded, Failed, Cancelled, Skipped, Undone, Started];

    /// <summary>The outcome as stored, whatever its case; null when it is none of them.</summary>
    public static string? Canonical(string outcome) => All.FirstOrDefault(o => string.Equals(o, outcome, StringComparison.OrdinalIgnoreCase));
}
