namespace ArchiveImport.Core.Imports;

/// <summary>What went wrong, in terms a host can turn into its own error categories.</summary>
public enum ProblemKind
{
    InvalidArgument,
    NotFound,
    InvalidData,
    ConnectionError,
    ResourceBusy,
    WriteError,
    NotEnabled,

    /// <summary>The work was stopped before it finished (Stop-ArchiveImport).</summary>
    Stopped,
}

public sealed record JobProgress(string Activity, string Status, int PercentComplete, string? CurrentOperation = null);

/// <summary>
/// How Core work reports to whoever runs it (a cmdlet, a test). Calls may come from worker threads;
/// the host decides on which thread to surface them.
/// </summary>
public interface IJobReporter
{
    void Result(object item);

    void Error(Exception exception, string errorId, ProblemKind kind, object? target);

    void Progress(JobProgress progress);

    void ProgressCompleted(string activity);

    void Verbose(string message);

    void Warning(string message);
}
