namespace ArchiveImport.Core.Operations;

/// <summary>A dashboard written by Export-ArchiveDashboard.</summary>
public sealed class DashboardReport
{
    public string Path { get; init; } = "";
    public long Bytes { get; init; }
    /// <summary>The first UTC day charted.</summary>
    public DateTime From { get; init; }
    /// <summary>The last UTC day charted.</summary>
    public DateTime To { get; init; }
    public DateTime GeneratedAt { get; init; }
    /// <summary>The time to gather the data (queries and health checks) and write the file.</summary>
    public TimeSpan Elapsed { get; init; }
}
