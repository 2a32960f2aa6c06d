using System.Management.Automation;
using ArchiveImport.Core.Imports;

namespace ArchiveImport.PowerShell;

/// <summary>
/// A cmdlet that drives Core work on worker threads. It owns the work's cancellation and a dispatcher that writes output,
/// progress, errors and ShouldProcess questions on the pipeline thread, and it guarantees that no work outlives the
/// cmdlet: on every way out (the normal end, a terminating error, -ErrorAction Stop, Select-Object -First, Ctrl+C) the
/// work is cancelled with the reason, waited for, and the runs it left open are ended, their locks released, before the
/// cmdlet returns. Derived cmdlets override <see cref="Begin"/>, <see cref="Process"/>, <see cref="End"/> and, when they
/// keep runs open across records, <see cref="EndRuns"/>; they call <see cref="Run{T}"/> for Core work.
/// </summary>
public abstract class AsyncArchiveCmdlet : ArchiveCmdlet, IDisposable
{
    private readonly JobCancellation cancellation = new();
    private PipelineDispatcher? dispatcher;
    private PipelineReporter? reporter;
    private Task? running;
    private bool disposed;

    /// <summary>The Write-Progress activity id of this cmdlet's work.</summary>
    protected virtual int ActivityId => 0;

    /// <summary>Where Core work reports: written on the pipeline thread, whichever thread reports.</summary>
    protected IJobReporter Reporter => reporter ?? throw new InvalidOperationException("BeginProcessing has not run.");

    private PipelineDispatcher Dispatcher => dispatcher ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected sealed override void BeginProcessing()
    {
        dispatcher = new PipelineDispatcher();
        reporter = new PipelineReporter(this, dispatcher, ActivityId);
        Guard(() =>
        {
            base.BeginProcessing();
            Begin();
        });
    }

    protected sealed override void ProcessRecord() => Guard(Process);

    protected sealed override void EndProcessing() => Guard(() =>
    {
        End();
        Run(_ => EndRuns(null));
    });

    /// <summary>Ctrl+C (on another thread): the work stops at its next check and its runs end as cancelled.</summary>
    protected override void StopProcessing() => cancellation.Cancel(StopReason.ByUser);

    protected virtual void Begin()
    {
    }

    protected virtual void Process()
    {
    }

    protected virtual void End()
    {
    }

    /// <summary>
    /// Ends the runs the cmdlet's work keeps open across records: completed when <paramref name="stopped"/> is null,
    /// otherwise as it says. Called once the work has stopped, on every way out, possibly more than once.
    /// </summary>
    protected virtual void EndRuns(StopReason? stopped)
    {
    }

    /// <summary>
    /// Runs Core work on a worker thread while this (pipeline) thread writes what it reports, and returns its result.
    /// When the pipeline cannot take a report (a downstream Select-Object -First is satisfied, an error under
    /// -ErrorAction Stop, Ctrl+C, a failure downstream) the work is cancelled with that reason and waited for before the
    /// exception goes on. When the cmdlet was stopped the work's result is not returned: the pipeline is stopping.
    /// </summary>
    protected T Run<T>(Func<JobCancellation, Task<T>> work)
    {
        var pump = Dispatcher;
        var task = Task.Run(() => work(cancellation));
        running = task;
        try
        {
            pump.PumpUntil(task);
        }
        catch (Exception ex)
        {
            StopWork(ex);
            pump.PumpUntil(task); // everything it reports from now on is dropped
            _ = task.Exception;
            throw;
        }
        finally
        {
            running = null;
        }

        if (cancellation.IsCancellationRequested)
        {
            _ = task.Exception;
            throw new PipelineStoppedException();
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Runs synchronous Core work on a worker thread, as <see cref="Run{T}"/> does.</summary>
    protected void Run(Action<JobCancellation> work) => Run(c =>
    {
        work(c);
        return Task.FromResult(true);
    });

    /// <summary>ShouldProcess for Core work to call from a worker: asked on the pipeline thread; no once the pipeline has gone.</summary>
    protected bool ShouldProcessFromWork(string target, string action) => Dispatcher.Ask(() => ShouldProcess(target, action), fallback: false);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        dispatcher?.Close();
        try
        {
            // Reached without EndProcessing when the pipeline failed or stopped: nothing may be left running or open.
            if (running is { IsCompleted: false } work)
            {
                cancellation.Cancel(StopReason.ByUser);
                ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
            }

            EndRuns(cancellation.Reason ?? StopReason.Cancelled("The pipeline ended before the command finished."));
        }
        finally
        {
            cancellation.Dispose();
            dispatcher?.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Whatever leaves a step stops the work with its reason and ends the runs it left open, then goes on.</summary>
    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex)
        {
            StopWork(ex);
            try
            {
                EndRuns(cancellation.Reason);
            }
            catch (Exception)
            {
                // The runs could not be recorded (each still released its lock); the original failure is the one to report.
            }

            throw;
        }
    }

    private void StopWork(Exception exception)
    {
        cancellation.Cancel(ReasonFor(exception));
        Dispatcher.Close();
    }

    /// <summary>
    /// An error record the pipeline would not take as non-terminating (-ErrorAction Stop) is what the work failed of:
    /// the engine hands the writer only a PipelineStoppedException, so the cause is taken here, before it is lost.
    /// </summary>
    protected internal override void WriteProblemRecord(ErrorRecord record)
    {
        try
        {
            base.WriteProblemRecord(record);
        }
        catch (Exception)
        {
            cancellation.Cancel(StopReason.Failed(Redacted(record.Exception.Message)));
            throw;
        }
    }

    /// <summary>How the work's runs should end, given what stopped the pipeline (unless a reason was already given).</summary>
    private StopReason ReasonFor(Exception exception) => exception switch
    {
        // Ctrl+C gives its reason in StopProcessing first; otherwise the pipeline stopped taking results downstream.
        PipelineStoppedException or OperationCanceledException =>
            StopReason.Cancelled("Stopped early: the rest of the pipeline took no more results (as after Select-Object -First)."),
        RuntimeException { ErrorRecord.Exception: { } cause } when !ReferenceEquals(cause, exception) => StopReason.Failed(Redacted(cause.Message)),
        _ => StopReason.Failed(Redacted(exception.Message)),
    };
}
