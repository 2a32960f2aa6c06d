using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

public sealed record PopulateOptions(bool Force = false, int? Limit = null);

/// <summary>Asks whoever runs the job whether to go ahead (a cmdlet's ShouldProcess): target, then action.</summary>
public delegate bool ProceedDecision(string target, string action);

/// <summary>
/// Populates the catalog from downloaded metadata, one run per artist for the job's whole life: shows can be fed in
/// several batches as they arrive (a pipeline's records), all into the artist's one run, and <see cref="End"/> ends
/// every run with the outcome that happened. A run starts with the first show that goes ahead (so a -WhatIf preview
/// starts none); a stop request from Stop-ArchiveImport is checked between shows. Use from one thread at a time.
/// </summary>
public sealed class PopulateJob : IDisposable
{
    public const string Activity = "Populating the catalog";

    private readonly ArchiveServices services;
    private readonly IJobReporter reporter;
    private readonly PopulateOptions options;
    private readonly ProceedDecision proceed;
    private readonly Dictionary<string, ArtistState> artists = new(StringComparer.OrdinalIgnoreCase);

    public PopulateJob(ArchiveServices services, IJobReporter reporter, PopulateOptions? options = null, ProceedDecision? proceed = null)
    {
        this.services = services;
        this.reporter = reporter;
        this.options = options ?? new PopulateOptions();
        this.proceed = proceed ?? ((_, _) => true);
    }

    /// <summary>
    /// Populates the artist's shows named by <paramref name="identifiers"/> (all its downloaded shows when null), each
    /// reported as a <see cref="PopulateResult"/>. Throws when the artist cannot be populated at all (no config, its
    /// lock is held), once; after that, and after the artist's run has ended, later calls for it do nothing. Any other
    /// failure ends the artist's run as failed with its cause and is reported as an error. Throws
    /// <see cref="OperationCanceledException"/> between shows when cancelled, leaving the run for <see cref="End"/>.
    /// </summary>
    public void Populate(string artist, IReadOnlyList<string>? identifiers, CancellationToken cancellationToken)
    {
        if (!artists.TryGetValue(artist, out var state))
        {
            state = new ArtistState();
            artists[artist] = state;
        }

        if (state.Closed)
        {
            return;
        }

        try
        {
            if (state.Config is null)
            {
                state.Config = services.RequireArtist(artist);
                services.Database.CheckIntegrity();
            }

            PopulateShows(state, identifiers ?? Downloaded(state.Config), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (state.Session is null)
        {
            // Nothing started for this artist: the caller reports it (lock held, no config), once.
            state.Closed = true;
            throw;
        }
        catch (Exception ex)
        {
            state.Closed = true;
            var failure = state.Session!.RunFailed(ex);
            Finish(state, StopReason.Failed(failure.Message));
            reporter.Error(failure, "PopulateRunFailed", DownloadJob.ProblemKindOf(ex), state.Config?.Name ?? artist);
        }
    }

    /// <summary>
    /// Ends every run still open and releases its lock: as <paramref name="stopped"/> says, or completed (failed when all
    /// its shows failed). Safe to call more than once; returns the runs it ended.
    /// </summary>
    public IReadOnlyList<ImportRun> End(StopReason? stopped = null)
    {
        var ended = new List<ImportRun>();
        Exception? first = null;
        foreach (var state in artists.Values.Where(s => s.Session is { IsFinished: false }))
        {
            state.Closed = true;
            try
            {
                ended.Add(Finish(state, stopped, report: false));
            }
            catch (Exception ex)
            {
                // Every other run still ends and lets go of its lock; the first failure is passed on.
                first ??= ex;
            }
        }

        // Reported only once every run has ended: a host may stop at any report.
        foreach (var run in ended)
        {
            Report(run);
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return ended;
    }

    /// <summary>The id of the artist's run in this job; null when none started (no show went ahead).</summary>
    public long? RunIdOf(string artist) => artists.TryGetValue(artist, out var state) ? state.Session?.RunId : null;

    /// <summary>Ends what is still open as cancelled: the job was let go without <see cref="End"/>.</summary>
    public void Dispose() => End(StopReason.Cancelled("The populate was abandoned before it ended its runs."));

    private void PopulateShows(ArtistState state, IReadOnlyList<string> identifiers, CancellationToken cancellationToken)
    {
        try
        {
            PopulateEach(state, identifiers, cancellationToken);
        }
        finally
        {
            // Whatever ends this batch of identifiers (its end, the limit, a cancellation), the shows written are committed first.
            state.Session?.Settle();
        }
    }

    private void PopulateEach(ArtistState state, IReadOnlyList<string> identifiers, CancellationToken cancellationToken)
    {
        var artist = state.Config!.Name;
        for (var i = 0; i < identifiers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.Limit is { } limit && state.Considered >= limit)
            {
                break;
            }

            var identifier = identifiers[i];
            if (!proceed($"{identifier} ({artist})", "Populate the catalog"))
            {
                state.Considered++; // a -WhatIf preview shows as many shows as -Limit would populate
                continue;
            }

            if (state.Session is null)
            {
                state.Session = PopulateSession.Start(services, state.Config, reporter);
                reporter.Verbose($"Run {state.Session.RunId}: populating '{artist}'.");
            }

            if (state.Session.StopRequested())
            {
                state.Closed = true;
                var stopped = Finish(state, StopReason.Cancelled("Stopped by Stop-ArchiveImport."));
                reporter.Error(state.Session.StoppedByCommand(stopped.ShowsProcessed), "RunCancelled", ProblemKind.Stopped, artist);
                return;
            }

            if (identifiers.Count > 1)
            {
                reporter.Progress(new JobProgress(Activity, $"{artist}: {i + 1} of {identifiers.Count}", 100 * i / identifiers.Count, identifier));
            }

            state.Session.Expect(identifiers, i);
            reporter.Result(state.Session.Populate(identifier, options.Force, reporter));
            state.Considered++;
            state.Session.ThrowIfStopping();
        }

        if (identifiers.Count > 1)
        {
            reporter.ProgressCompleted(Activity);
        }
    }

    private IReadOnlyList<string> Downloaded(ArtistConfig artist) =>
        services.Artists.Find(artist.Name) is { } id
            ? services.ShowMetadata.ForArtist(id, ShowMetadataStatus.Downloaded).Select(r => r.Identifier).ToList()
            : [];

    private ImportRun Finish(ArtistState state, StopReason? stopped, bool report = true)
    {
        var session = state.Session!;
        ImportRun run;
        try
        {
            run = session.Finish(stopped);
        }
        finally
        {
            session.Dispose();
        }

        if (report)
        {
            Report(run);
        }

        return run;
    }

    private void Report(ImportRun run)
    {
        if (run.Status == RunStatus.Cancelled)
        {
            reporter.Warning($"Run {run.Id} (populate of '{run.Artist}') was cancelled after {run.ShowsProcessed} show(s): {run.ErrorMessage}");
        }
        else
        {
            reporter.Verbose($"Run {run.Id} {run.Status}: {run.ShowsProcessed} shows, {run.TracksProcessed} tracks, {run.ShowsFailed} failed.");
        }
    }

    private sealed class ArtistState
    {
        public ArtistConfig? Config { get; set; }
        public PopulateSession? Session { get; set; }
        public int Considered { get; set; }
        public bool Closed { get; set; }
    }
}
