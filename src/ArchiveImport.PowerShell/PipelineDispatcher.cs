using System.Collections.Concurrent;

namespace ArchiveImport.PowerShell;

/// <summary>
/// Runs actions on the pipeline thread (the thread that created it), wherever they come from: called there, an action
/// runs at once; called from a worker, it is queued until the pipeline thread pumps the queue in <see cref="PumpUntil"/>.
/// Once <see cref="Close"/>d (the pipeline takes no more writes), actions are dropped and questions get their fallback
/// answer, so work winding down never waits on a pipeline that has gone.
/// </summary>
internal sealed class PipelineDispatcher : IDisposable
{
    // Each item is told whether to act (true) or that it is being dropped (false).
    private readonly BlockingCollection<Action<bool>> queue = new();
    private readonly int pipelineThread = Environment.CurrentManagedThreadId;
    private volatile bool closed;

    public bool IsClosed => closed;

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == pipelineThread;

    /// <summary>Runs <paramref name="action"/> on the pipeline thread without waiting for it.</summary>
    public void Post(Action action)
    {
        if (closed)
        {
            return;
        }

        if (OnPipelineThread)
        {
            action();
        }
        else
        {
            queue.Add(act =>
            {
                if (act)
                {
                    action();
                }
            });
        }
    }

    /// <summary>
    /// Runs <paramref name="question"/> on the pipeline thread and waits for its answer; <paramref name="fallback"/> when the
    /// pipeline has gone or the question failed there (the failure itself surfaces on the pipeline thread).
    /// </summary>
    public T Ask<T>(Func<T> question, T fallback)
    {
        if (closed)
        {
            return fallback;
        }

        if (OnPipelineThread)
        {
            return question();
        }

        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(act =>
        {
            if (!act)
            {
                answer.TrySetResult(fallback);
                return;
            }

            try
            {
                answer.TrySetResult(question());
            }
            catch
            {
                answer.TrySetResult(fallback);
                throw;
            }
        });
        return answer.Task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// On the pipeline thread: runs what is queued until <paramref name="work"/> has ended and everything it queued has run
    /// (or been dropped, once closed). An action that throws stops the pump and the exception propagates; the work goes on.
    /// </summary>
    public void PumpUntil(Task work)
    {
        if (!OnPipelineThread)
        {
            throw new InvalidOperationException("Only the pipeline thread can run what is queued for it.");
        }

        // Queued behind everything the work queued. A marker left by a pump that ended early is a no-op for later ones.
        Action<bool> marker = _ => { };
        work.ContinueWith(_ => queue.Add(marker), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            var item = queue.Take();
            if (ReferenceEquals(item, marker))
            {
                return;
            }

            item(!closed);
        }
    }

    /// <summary>The pipeline takes no more writes: drop what is queued and what comes, answer questions with their fallback.</summary>
    public void Close()
    {
        closed = true;
        while (queue.TryTake(out var item))
        {
            item(false);
        }
    }

    public void Dispose() => queue.Dispose();
}
