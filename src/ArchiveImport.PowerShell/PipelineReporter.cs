using System.Management.Automation;
using ArchiveImport.Core.Imports;

namespace ArchiveImport.PowerShell;

/// <summary>
/// What Core work reports, written to the cmdlet's streams on the pipeline thread whichever thread reports it: at once
/// from the pipeline thread, queued from a worker for the dispatcher to pump. Dropped once the pipeline has gone.
/// </summary>
internal sealed class PipelineReporter : IJobReporter
{
    private readonly ArchiveCmdlet cmdlet;
    private readonly PipelineDispatcher dispatcher;
    private readonly int activityId;

    public PipelineReporter(ArchiveCmdlet cmdlet, PipelineDispatcher dispatcher, int activityId)
    {
        this.cmdlet = cmdlet;
        this.dispatcher = dispatcher;
        this.activityId = activityId;
    }

    public void Result(object item) => dispatcher.Post(() => cmdlet.WriteObject(item));

    public void Error(Exception exception, string errorId, ProblemKind kind, object? target) =>
        dispatcher.Post(() => cmdlet.WriteProblemRecord(cmdlet.ErrorRecordFor(exception, errorId, kind, target)));

    public void Progress(JobProgress progress) => dispatcher.Post(() => cmdlet.WriteProgress(new ProgressRecord(activityId, progress.Activity, progress.Status)
    {
        PercentComplete = Math.Clamp(progress.PercentComplete, -1, 100),
        CurrentOperation = progress.CurrentOperation,
    }));

    public void ProgressCompleted(string activity) =>
        dispatcher.Post(() => cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed }));

    public void Verbose(string message) => dispatcher.Post(() => cmdlet.WriteVerbose(message));

    public void Warning(string message) => dispatcher.Post(() => cmdlet.WriteWarning(message));
}
