namespace ArchiveImport.Core.Operations;

public enum HealthStatus
{
    Pass,
    Warning,
    Fail,
}

/// <summary>One check's verdict. Flat on purpose: it exports to CSV/JSON as one row.</summary>
public sealed class HealthCheckResult
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Target { get; init; }
    public HealthStatus Status { get; init; }
    public string? Value { get; init; }
    public string? Threshold { get; init; }
    public string Message { get; init; } = "";
    public DateTime CheckedAt { get; init; }
}
