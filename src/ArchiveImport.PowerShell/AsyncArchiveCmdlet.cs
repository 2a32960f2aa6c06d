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
/// A cmdlet marked <see cref="RecordsActivityAttribute"/> leaves one activity row per invocation (not under -WhatIf),
/// written on the same ways out; a failure to write it is a warning, never in place of the cmdlet's own result or error.
/// </summary>
public abstract class AsyncArchiveCmdlet : ArchiveCmdlet, IDisposable
{
    private readonly JobCancellation cancellation = new();
    private PipelineDispatcher? dispatcher;
    private PipelineReporter? reporter;
    private Task? running;
    private ActivityRecorder? activity;
    private bool disposed;

    /// <summary>The Write-Progress activity id of this cmdlet's work.</summary>
    protected virtual int ActivityId => 0;

    /// <summary>Where Core work reports: written on the pipeline thread, whichever thread reports.</summary>
    protected IJobReporter Reporter => reporter ?? throw new InvalidOperationException("BeginProcessing has not run.");

    private PipelineDispatcher Dispatcher => dispatcher ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>What the activity row names as acted on; by default the Artist, Id, Path and Date given, or else the catalog.</summary>
    protected virtual string? ActivityTarget => null;

    protected sealed override void BeginProcessing()
    {
        dispatcher = new PipelineDispatcher();
        reporter = new PipelineReporter(this, dispatcher, ActivityId);
        activity = RecordsActivity() ? new ActivityRecorder() : null;
        Guard(() =>
        {
            base.BeginProcessing();
            activity?.NoteTargets(MyInvocation.BoundParameters);
            Begin();
        });
    }

    protected sealed override void ProcessRecord() => Guard(() =>
    {
        activity?.NoteTargets(MyInvocation.BoundParameters);
        Process();
    });

    protected sealed override void EndProcessing()
    {
        Guard(() =>
        {
            End();
            Run(_ => EndRuns(null));
        });
        WriteActivity(null, null);
    }

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

    /// <summary>
    /// ShouldProcess, with the answer kept for the activity row: an invocation that was answered No to every question
    /// changed nothing, and its row says Skipped rather than Succeeded. Derived cmdlets call this one.
    /// </summary>
    protected new bool ShouldProcess(string target, string action)
    {
        var yes = base.ShouldProcess(target, action);
        activity?.NoteAnswer(yes);
        return yes;
    }

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

            var reason = cancellation.Reason ?? StopReason.Cancelled("The pipeline ended before the command finished.");
            EndRuns(reason);
            if (activity is { Written: false })
            {
                // The pipeline has gone, so there is no stream left to warn on if this fails.
                try
                {
                    WriteActivityRow(reason, null);
                }
                catch (Exception)
                {
                }
            }
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

            WriteActivity(cancellation.Reason, ex is PipelineStoppedException ? null : (ex as IContainsErrorRecord)?.ErrorRecord ?? UnexpectedError(ex));
            throw;
        }
    }

    private bool RecordsActivity()
    {
        var marked = GetType().GetCustomAttributes(typeof(RecordsActivityAttribute), inherit: false).OfType<RecordsActivityAttribute>().SingleOrDefault();
        return marked is { WritesItsOwnRow: false } && !IsWhatIf();
    }

    /// <summary>-WhatIf, or $WhatIfPreference unless -WhatIf:$false was given.</summary>
    private bool IsWhatIf() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
        ? LanguagePrimitives.IsTrue(whatIf)
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>The invocation's activity row, unless written already; if it cannot be written, a warning says so and nothing else changes.</summary>
    private void WriteActivity(StopReason? stopped, ErrorRecord? failure)
    {
        if (activity is not { Written: false })
        {
            return;
        }

        try
        {
            WriteActivityRow(stopped, failure);
        }
        catch (Exception ex)
        {
            TryWarn($"The activity log has no row for this {MyInvocation.MyCommand.Name}: {Redacted(ex.Message)} " +
                "What the command did stands as reported; Get-ArchiveActivity will not show it.");
        }
    }

    private void WriteActivityRow(StopReason? stopped, ErrorRecord? failure)
    {
        if (activity is null)
        {
            return;
        }

        if (ServicesIfReady is not { } services)
        {
            activity.MarkWritten();
            throw new InvalidOperationException("the settings could not be read, so there is no catalog to write it to.");
        }

        if (!UsesCatalog)
        {
            // This command left the catalog alone, so it may not exist yet: create and migrate it as any other would.
            services.Database.EnsureFolder();
            services.EnsureSchema();
        }

        activity.Write(services, MyInvocation.MyCommand.Name, ActivityTarget, stopped, failure);
    }

    private void TryWarn(string message)
    {
        try
        {
            WriteWarning(message);
        }
        catch (Exception)
        {
            // The pipeline is stopping and takes no more warnings.
        }
    }

    private static ErrorRecord UnexpectedError(Exception exception) => new(exception, exception.GetType().Name, ErrorCategory.NotSpecified, null);

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
        activity?.NoteError(record, Redacted(record.Exception.Message));
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

    private protected override void OnTerminating(ErrorRecord record) => activity?.NoteFailure(record, Redacted(record.Exception.Message));

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
