using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>How a run that was told to stop should end: its status (cancelled or failed) and the message it records.</summary>
public sealed record StopReason(string Status, string Message)
{
    /// <summary>The reason when nobody said why: the caller cancelled.</summary>
    public static StopReason ByUser { get; } = Cancelled("Stopped by the user.");

    public static StopReason Cancelled(string message) => new(RunStatus.Cancelled, message);

    public static StopReason Failed(string message) => new(RunStatus.Failed, message);
}

/// <summary>
/// Cancels Core work and keeps the reason, so a job ends its run with the outcome that actually happened: cancelled
/// when someone stopped it, failed with the real cause when its host could not go on (an error under -ErrorAction Stop).
/// The first reason given wins. Thread-safe.
/// </summary>
public sealed class JobCancellation : IDisposable
{
    private readonly CancellationTokenSource source;
    private StopReason? reason;

    public JobCancellation()
        : this(CancellationToken.None)
    {
    }

    /// <summary>Also cancelled (as <see cref="StopReason.ByUser"/>) when <paramref name="outer"/> is.</summary>
    public JobCancellation(CancellationToken outer) =>
        source = outer.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outer) : new CancellationTokenSource();

    public CancellationToken Token => source.Token;

    public bool IsCancellationRequested => source.IsCancellationRequested;

    /// <summary>Why the work was cancelled; null while it has not been.</summary>
    public StopReason? Reason => IsCancellationRequested ? Volatile.Read(ref reason) ?? StopReason.ByUser : null;

    public void Cancel(StopReason why)
    {
        Interlocked.CompareExchange(ref reason, why, null);
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The work is over; there is nothing left to cancel.
        }
    }

    public void Dispose() => source.Dispose();
}
