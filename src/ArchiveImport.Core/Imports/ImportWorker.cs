using System.Diagnostics;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Schema;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>How an artist's turn in a worker ended, as the word it exports as.</summary>
public static class WorkerOutcome
{
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
}

/// <param name="Artists">The artist list every worker of the round is given.</param>
/// <param name="Round">The name the round's workers share; null for today's UTC date (yyyy-MM-dd).</param>
/// <param name="Worker">Who this worker is in results and the round's rows; null for host/pid.</param>
/// <param name="PollInterval">How often to look again while every artist left is claimed by another worker; null for a second.</param>
public sealed record WorkerRequest(
    IReadOnlyList<string> Artists, string? Round = null, string? Worker = null, int? ThrottleLimit = null, TimeSpan? PollInterval = null);

/// <summary>What one worker did with one artist: its download and populate runs and how they ended.</summary>
public sealed class WorkerResult
{
    public string Artist { get; init; } = "";
    public string Worker { get; init; } = "";
    public string Round { get; init; } = "";

    /// <summary>One of <see cref="WorkerOutcome"/>.</summary>
    public string Outcome { get; init; } = "";
    public long? DownloadRunId { get; init; }
    public long? PopulateRunId { get; init; }

    /// <summary>Shows the download went through (downloaded, unchanged or not importable).</summary>
    public int Shows { get; init; }

    /// <summary>Shows the populate went through (written, unchanged or skipped).</summary>
    public int Populated { get; init; }
    public int Tracks { get; init; }
    public int Failed { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Message { get; init; }
}

/// <summary>
/// One of several workers (on one machine or many) sharing an artist list through the catalog. It claims an artist no
/// other worker holds and the round has not finished, downloads and populates it, records it finished for the round,
/// and goes on; while every artist left is claimed elsewhere it waits and looks again, so the artist of a worker that
/// died (its claim dropped by the server or the OS with its process) is taken over. It ends when the round has finished
/// every artist, or when stopped (Ctrl+C, or Stop-ArchiveImport on one of its runs).
/// </summary>
public sealed class ImportWorker
{
    public const string Activity = "Importing as a worker";
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    private readonly ArchiveServices services;

    public ImportWorker(ArchiveServices services) => this.services = services;

    /// <summary>The worker's name when none is given: the host and the process.</summary>
    public static string DefaultName => $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>The round's name when none is given: today's date, UTC.</summary>
    public string DefaultRound => services.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Works through the list until the round has finished every artist, reporting a <see cref="WorkerResult"/> per artist
    /// this worker processed, and returns how many. Throws before any work when an artist has no config or the round's
    /// name does not fit; throws <see cref="OperationCanceledException"/> when cancelled (the artist in hand is left to
    /// the next worker, its runs ended as the cancellation says).
    /// </summary>
    public async Task<int> RunAsync(WorkerRequest request, IJobReporter reporter, JobCancellation cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var round = request.Round ?? DefaultRound;
        if (string.IsNullOrWhiteSpace(round) || !ColumnText.Fits(round, ColumnLengths.WorkerRound.RoundName))
        {
            throw new ArgumentException($"A round's name must be 1 to {ColumnLengths.WorkerRound.RoundName} characters; give every worker of the round the same -Round.");
        }

        var worker = request.Worker ?? DefaultName;
        var pending = request.Artists
            .Select(services.RequireArtist)
            .DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new Claimable(a, services.Artists.Ensure(a.Name, a.Collection, services.Now)))
            .ToList();
        var total = pending.Count;
        var processed = 0;
        var quiet = new RunDetailFilter(reporter);
        reporter.Verbose($"Worker {worker}: round '{round}', {total} artist(s).");
        while (pending.Count > 0)
        {
            var claimedAny = false;
            foreach (var artist in pending.ToList())
            {
                cancellation.Token.ThrowIfCancellationRequested();
                if (services.WorkerRounds.IsFinished(round, artist.Id))
                {
                    pending.Remove(artist);
                    continue;
                }

                using var claim = services.Locks.TryClaim(artist.Id);
                // Another worker may have finished it between the look above and the claim.
                if (claim is null || services.WorkerRounds.IsFinished(round, artist.Id))
                {
                    continue;
                }

                reporter.Progress(new JobProgress(Activity, $"Round '{round}': {total - pending.Count} of {total} artists finished", 100 * (total - pending.Count) / total, artist.Config.Name));
                WorkerResult result;
                try
                {
                    result = await ProcessAsync(artist, round, worker, request, quiet, cancellation).ConfigureAwait(false);
                }
                catch (ImportLockedException ex)
                {
                    // A download or populate of this artist started outside the worker round: left for a later look.
                    reporter.Verbose($"Worker {worker}: {ex.Message}");
                    continue;
                }

                claimedAny = true;
                processed++;
                reporter.Result(result);
                if (result.Outcome == WorkerOutcome.Cancelled)
                {
                    // Stop-ArchiveImport stopped one of this worker's runs: the worker stops with it.
                    reporter.ProgressCompleted(Activity);
                    return processed;
                }

                pending.Remove(artist);
            }

            if (!claimedAny && pending.Count > 0)
            {
                reporter.Progress(new JobProgress(Activity, $"Round '{round}': waiting for {pending.Count} artist(s) other workers hold", 100 * (total - pending.Count) / total));
                await Task.Delay(request.PollInterval ?? DefaultPollInterval, cancellation.Token).ConfigureAwait(false);
            }
        }

        reporter.ProgressCompleted(Activity);
        reporter.Verbose($"Worker {worker}: round '{round}' has finished all {total} artist(s); this worker processed {processed}.");
        return processed;
    }

    private async Task<WorkerResult> ProcessAsync(
        Claimable artist, string round, string worker, WorkerRequest request, IJobReporter reporter, JobCancellation cancellation)
    {
        var watch = Stopwatch.StartNew();
        var name = artist.Config.Name;
        var download = await new DownloadJob(services)
            .RunAsync(new DownloadRequest(name, ThrottleLimit: request.ThrottleLimit), reporter, cancellation).ConfigureAwait(false);
        ImportRun? populate = null;
        if (download.Status == RunStatus.Completed)
        {
            populate = Populate(name, reporter, cancellation);
        }

        cancellation.Token.ThrowIfCancellationRequested();
        var runs = populate is null ? [download] : new[] { download, populate };
        var outcome = runs.Any(r => r.Status == RunStatus.Cancelled) ? WorkerOutcome.Cancelled
            : runs.Any(r => r.Status == RunStatus.Failed) ? WorkerOutcome.Failed
            : WorkerOutcome.Completed;
        if (outcome != WorkerOutcome.Cancelled)
        {
            // A failed artist is finished for the round too: the round ends, and the failure is in its runs and this result.
            services.WorkerRounds.Record(new WorkerRoundEntry
            {
                Round = round, ArtistId = artist.Id, Worker = worker, Outcome = outcome, DownloadRunId = download.Id, PopulateRunId = populate?.Id,
                FinishedAt = services.Now,
            });
        }

        return new WorkerResult
        {
            Artist = name, Worker = worker, Round = round, Outcome = outcome, DownloadRunId = download.Id, PopulateRunId = populate?.Id,
            Shows = download.ShowsProcessed, Populated = populate?.ShowsProcessed ?? 0, Tracks = populate?.TracksProcessed ?? 0,
            Failed = download.ShowsFailed + (populate?.ShowsFailed ?? 0), Elapsed = watch.Elapsed,
            Message = runs.Select(r => r.ErrorMessage).FirstOrDefault(m => m is not null),
        };
    }

    /// <summary>Populates every downloaded show of the artist in one run; null when there was none to populate.</summary>
    private ImportRun? Populate(string artist, IJobReporter reporter, JobCancellation cancellation)
    {
        using var job = new PopulateJob(services, reporter);
        try
        {
            job.Populate(artist, null, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            job.End(cancellation.Reason);
            throw;
        }

        job.End();
        return job.RunIdOf(artist) is { } id ? services.Runs.Get(id) : null;
    }

    private sealed record Claimable(ArtistConfig Config, int Id);

    /// <summary>Passes on everything but the per-show results of the runs: a worker reports one result per artist.</summary>
    private sealed class RunDetailFilter(IJobReporter inner) : IJobReporter
    {
        public void Result(object item)
        {
        }

        public void Error(Exception exception, string errorId, ProblemKind kind, object? target) => inner.Error(exception, errorId, kind, target);

        public void Progress(JobProgress progress) => inner.Progress(progress);

        public void ProgressCompleted(string activity) => inner.ProgressCompleted(activity);

        public void Verbose(string message) => inner.Verbose(message);

        public void Warning(string message) => inner.Warning(message);
    }
}
