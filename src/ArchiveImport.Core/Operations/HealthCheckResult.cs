namespace ArchiveImport.Core.Operations;

/// <summary>A check's verdict, as the word it exports as (JSON and CSV show "Fail", not a number).</summary>
public static class HealthStatus
{
    public const string Pass = "Pass";
    public const string Warning = "Warning";
    public const string Fail = "Fail";
}

/// <summary>One check's verdict. Flat on purpose: it exports to CSV/JSON as one row.</summary>
public sealed record HealthCheckResult
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Target { get; init; }
    /// <summary>One of <see cref="HealthStatus"/>.</summary>
    public string Status { get; init; } = HealthStatus.Pass;
    public string? Value { get; init; }
    public string? Threshold { get; init; }
    public string Message { get; init; } = "";
    public DateTime CheckedAt { get; init; }

    /// <summary>How long the check took (for a check with several results, all of it).</summary>
    public TimeSpan Duration { get; init; }
}
