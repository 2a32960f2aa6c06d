using System.Collections.Concurrent;
using System.Management.Automation;
using ArchiveImport.Core.Imports;

namespace ArchiveImport.PowerShell;

/// <summary>
/// Lets Core work run on worker threads while everything it reports reaches PowerShell on the pipeline thread:
/// reports are queued, and <see cref="Run{T}"/> drains the queue on the calling (pipeline) thread until the work ends.
/// </summary>
internal sealed class PipelineReporter : IJobReporter, IDisposable
{
    private readonly BlockingCollection<Action<ArchiveCmdlet>> queue = new();
    private readonly int activityId;

    public PipelineReporter(int activityId) => this.activityId = activityId;

    public void Result(object item) => queue.Add(c => c.WriteObject(item));

    public void Error(Exception exception, string errorId, ProblemKind kind, object? target) =>
        queue.Add(c => c.WriteError(c.ErrorRecordFor(exception, errorId, kind, target)));

    public void Progress(JobProgress progress) => queue.Add(c => c.WriteProgress(new ProgressRecord(activityId, progress.Activity, progress.Status)
    {
        PercentComplete = Math.Clamp(progress.PercentComplete, -1, 100),
        CurrentOperation = progress.CurrentOperation,
    }));

    public void ProgressCompleted(string activity) =>
        queue.Add(c => c.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed }));

    public void Verbose(string message) => queue.Add(c => c.WriteVerbose(message));

    public void Warning(string message) => queue.Add(c => c.WriteWarning(message));

    /// <summary>Runs <paramref name="work"/> on the thread pool and pumps its reports into <paramref name="cmdlet"/>.</summary>
    public T Run<T>(ArchiveCmdlet cmdlet, Func<Task<T>> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        foreach (var report in queue.GetConsumingEnumerable())
        {
            report(cmdlet);
        }

        return task.GetAwaiter().GetResult();
    }

    public void Dispose() => queue.Dispose();
}

/// <summary>Reports from work that already runs on the pipeline thread: written straight through.</summary>
internal sealed class DirectReporter : IJobReporter
{
    private readonly ArchiveCmdlet cmdlet;
    private readonly int activityId;

    public DirectReporter(ArchiveCmdlet cmdlet, int activityId)
    {
        this.cmdlet = cmdlet;
        this.activityId = activityId;
    }

    public void Result(object item) => cmdlet.WriteObject(item);

    public void Error(Exception exception, string errorId, ProblemKind kind, object? target) => cmdlet.WriteError(cmdlet.ErrorRecordFor(exception, errorId, kind, target));

    public void Progress(JobProgress progress) => cmdlet.WriteProgress(new ProgressRecord(activityId, progress.Activity, progress.Status)
    {
        PercentComplete = Math.Clamp(progress.PercentComplete, -1, 100),
        CurrentOperation = progress.CurrentOperation,
    });

    public void ProgressCompleted(string activity) =>
        cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });

    public void Verbose(string message) => cmdlet.WriteVerbose(message);

    public void Warning(string message) => cmdlet.WriteWarning(message);
}
