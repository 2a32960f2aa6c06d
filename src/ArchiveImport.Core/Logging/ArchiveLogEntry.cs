namespace ArchiveImport.Core.Logging;

/// <summary>One line of the log file, read back.</summary>
public sealed record ArchiveLogEntry
{
    /// <summary>When it happened, UTC.</summary>
    public required DateTime Time { get; init; }

    /// <summary>Information, Warning, Error or Fatal (Serilog's level names).</summary>
    public required string Level { get; init; }
    public long? RunId { get; init; }
    public string? Artist { get; init; }

    /// <summary>The archive.org identifier of the show, when the event is about one.</summary>
    public string? Identifier { get; init; }
    public required string Message { get; init; }
    public string? Exception { get; init; }

    /// <summary>The process that wrote it.</summary>
    public int? Pid { get; init; }
}

/// <summary>Which entries to read: all given conditions hold.</summary>
public sealed record ArchiveLogQuery
{
    public DateTime? Since { get; init; }

    /// <summary>The lowest level to return (one of <see cref="ArchiveLog.LevelNames"/>).</summary>
    public string? MinimumLevel { get; init; }
    public long? RunId { get; init; }
    public string? Artist { get; init; }

    /// <summary>Only the last this many of the entries that match.</summary>
    public int? Last { get; init; }
}
