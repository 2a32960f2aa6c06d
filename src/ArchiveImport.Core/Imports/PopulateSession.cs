using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>What became of a show in a populate run, as the word it exports as (JSON and CSV show the name, not a number).</summary>
public static class PopulateStatus
{
    public const string Populated = "Populated";
    public const string Unchanged = "Unchanged";
    public const string Skipped = "Skipped";
    public const string Failed = "Failed";
}

/// <summary>What happened to one show in a populate run.</summary>
public sealed class PopulateResult
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    /// <summary>One of <see cref="PopulateStatus"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The show's date as yyyy-MM-dd: a plain string so CSV and JSON carry the date itself, in one form.</summary>
    public string? Date { get; init; }
    public string? Venue { get; init; }
    public int Tracks { get; init; }
    public int Matched { get; init; }
    public int Unmatched { get; init; }
    public int Ignored { get; init; }
    public string? Reason { get; init; }
    public TimeSpan Elapsed { get; init; }
    public long RunId { get; init; }
}

/// <summary>
/// One artist's run inside a <see cref="PopulateJob"/>: parses downloaded shows, matches their titles and writes them to
/// the catalog on one connection. Populating an unchanged show again changes nothing.
/// </summary>
/// <remarks>
/// Shows are written in batches: up to <see cref="ShowsPerCommit"/> shows share a transaction, committed when the batch
/// is full, before every heartbeat (so at least once a second), when the caller's batch of identifiers ends, and before
/// the run ends. Each show is still all-or-nothing: its old rows are deleted and its new rows written in the same
/// transaction, so a crash rolls the whole batch back and leaves every show in it as it was before (the next run writes
/// them again, since their stored hash is the old one). A failed write is the failure of its own show only: the batch is
/// rolled back, and the shows written before it in that batch are written again, each with its own commit, on a fresh
/// connection. A show counts towards the run's totals only once committed; its result is reported as soon as it is
/// written.
/// </remarks>
internal sealed class PopulateSession : IDisposable
{
    /// <summary>How many written shows may wait for one commit.</summary>
    public const int ShowsPerCommit = 50;

    private const int ShowsPerLookup = 1000;

    /// <summary>How many shows may be read, parsed and matched ahead of the one being written.</summary>
    private const int ShowsPreparedAhead = 8;

    private readonly ArchiveServices services;
    private readonly RunScope run;
    private readonly IJobReporter reporter;
    private readonly ShowPreparer preparer;
    private readonly IReadOnlyDictionary<string, int> songIds;
    private readonly string matcherVersion;
    private readonly RunFailures failures;
    private readonly ShowMetadataReader bodies;
    private readonly CatalogWriter writer;
    private readonly Dictionary<string, ShowToPopulate?> expected = new(StringComparer.Ordinal);
    private readonly List<WrittenShow> uncommitted = [];
    private int showsCommitted;
    private IReadOnlyList<string> upcoming = [];
    private int position;

    private PopulateSession(ArchiveServices services, ArtistConfig artist, RunScope run, IJobReporter reporter)
    {
        this.services = services;
        this.run = run;
        failures = new RunFailures(services, run);
        this.reporter = reporter;
        bodies = new ShowMetadataReader(services, reporter.Verbose);
        Artist = artist;
        preparer = new ShowPreparer(new TrackMatcher(artist), row => bodies.Read(artist.Name, row));
        songIds = services.Catalog.SyncSongs(run.ArtistId, artist.Songs);
        services.StudioAlbums.Sync(run.ArtistId, artist.StudioAlbums, songIds, services.Now);
        matcherVersion = MatcherVersion(artist);
        writer = services.Catalog.OpenWriter();
    }

    public ArtistConfig Artist { get; }
    public long RunId => run.RunId;

    /// <summary>Takes the artist's populate lock and records the run as running.</summary>
    public static PopulateSession Start(ArchiveServices services, ArtistConfig artist, IJobReporter reporter)
    {
        var artistId = services.Artists.Ensure(artist.Name, artist.Collection, services.Now);
        var run = RunScope.Begin(services, artist.Name, artistId, ImportKind.Populate);
        try
        {
            return new PopulateSession(services, artist, run, reporter);
        }
        catch (Exception ex)
        {
            try
            {
                run.Finish(RunStatus.Failed, RunFailures.IsDatabaseFailure(ex) ? services.Database.Describe(ex) : services.Database.Target.Redact(ex.Message));
            }
            finally
            {
                run.Dispose();
            }

            throw;
        }
    }

    /// <summary>Whether Stop-ArchiveImport asked the run to stop; the heartbeat that reads it first commits what is written.</summary>
    public bool StopRequested() => run.StopRequested(Commit);

    /// <summary>
    /// Looks up the state of the shows from <paramref name="from"/> on (up to a thousand, in one query) unless it is
    /// known already, so that deciding a show is unchanged costs no statement of its own.
    /// </summary>
    public void Expect(IReadOnlyList<string> identifiers, int from)
    {
        (upcoming, position) = (identifiers, from);
        if (expected.ContainsKey(identifiers[from]))
        {
            return;
        }

        var next = identifiers.Skip(from).Take(ShowsPerLookup).ToList();
        var found = services.Catalog.ShowsToPopulate(writer, next);
        foreach (var identifier in next)
        {
            expected[identifier] = found.GetValueOrDefault(identifier);
        }
    }

    /// <summary>Commits the shows written so far and forgets what was looked up: the caller's batch of identifiers has ended.</summary>
    public void Settle()
    {
        if (!IsFinished)
        {
            Commit();
            expected.Clear();
            preparer.Clear();
            upcoming = [];
        }
    }

    /// <summary>Throws when failures in the catalog database mean this run cannot go on.</summary>
    public void ThrowIfStopping() => failures.ThrowIfStopping();

    /// <summary>The error that says Stop-ArchiveImport stopped this run before it finished.</summary>
    public ImportRunCancelledException StoppedByCommand(int showsProcessed) => failures.StoppedByCommand(showsProcessed);

    /// <summary>Any failure that ends this run, worded with the run and what to do next.</summary>
    public ImportRunFailedException RunFailed(Exception cause) => failures.RunFailed(cause);

    public PopulateResult Populate(string identifier, bool force, IJobReporter reporter)
    {
        var watch = Stopwatch.StartNew();
        PopulateResult Result(string status, string? reason = null, Show? show = null, ShowWriteCounts? counts = null) => new()
        {
            Artist = Artist.Name, Identifier = identifier, Status = status, Reason = reason, Date = show?.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Venue = show?.Venue,
            Tracks = counts?.Tracks ?? show?.Tracks.Count ?? 0, Matched = counts?.Matched ?? 0, Unmatched = counts?.Unmatched ?? 0,
            Ignored = counts?.Ignored ?? 0, Elapsed = watch.Elapsed, RunId = run.RunId,
        };

        var printable = ArchiveIdentifier.Printable(identifier);
        try
        {
            ArchiveIdentifier.Validate(identifier);
            var known = Take(identifier);
            var row = known?.Metadata;
            if (row is null || row.ArtistId != run.ArtistId)
            {
                throw new FileNotFoundException(
                    $"no downloaded metadata for this show of '{Artist.Name}'. Run Invoke-ArchiveDownload -Artist '{Artist.Name}' -Identifier {printable} first.");
            }

            if (row.Status == ShowMetadataStatus.NotImportable)
            {
                run.ShowDone(0, failed: false);
                return Result(PopulateStatus.Skipped, $"not importable: {row.Reason}");
            }

            var state = known!.Catalog;
            if (!NeedsWriting(known, force))
            {
                run.ShowDone(0, failed: false);
                return Result(PopulateStatus.Unchanged);
            }

            preparer.Ask(row);
            PrepareAhead(force);
            var prepared = preparer.Take(row);
            if (prepared.Parsed.Show is not { } show)
            {
                run.ShowDone(0, failed: false);
                return Result(PopulateStatus.Skipped, $"not importable: {prepared.Parsed.NotImportableReason}");
            }

            var counts = Write(show, prepared.Matches, prepared.ContentHash, inCatalog: state is not null);
            failures.Written();
            return Result(PopulateStatus.Populated, show: show, counts: counts);
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex))
        {
            run.ShowDone(0, failed: true);
            var error = failures.DatabaseFailure(identifier, ex);
            reporter.Error(error, "PopulateShowFailed", ProblemKind.WriteError, printable);
            return Result(PopulateStatus.Failed, error.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or ArchiveItemFormatException or UnauthorizedAccessException)
        {
            run.ShowDone(0, failed: true);
            var kind = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => ProblemKind.NotFound,
                ArgumentException => ProblemKind.InvalidArgument,
                ArchiveItemFormatException => ProblemKind.InvalidData,
                _ => ProblemKind.WriteError,
            };
            reporter.Error(failures.Show(identifier, ex, retry: ex is not ArgumentException), "PopulateShowFailed", kind, printable);
            return Result(PopulateStatus.Failed, ex.Message);
        }
    }

    public bool IsFinished { get; private set; }

    /// <summary>
    /// Ends the run and brings the artist's status up to date: as <paramref name="stopped"/> says when it was stopped,
    /// otherwise completed (failed when every show failed).
    /// </summary>
    public ImportRun Finish(StopReason? stopped)
    {
        Exception? uncommitted = null;
        try
        {
            Commit();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            uncommitted = ex;
            stopped = StopReason.Failed(services.Database.Target.Redact(ex.Message));
        }

        IsFinished = true;
        var counts = run.Counts;
        var status = stopped?.Status
            ?? (counts.ShowsFailed > 0 && counts.ShowsFailed == counts.ShowsProcessed ? RunStatus.Failed : RunStatus.Completed);
        var message = stopped?.Message ?? (counts.ShowsFailed > 0 ? $"{counts.ShowsFailed} of {counts.ShowsProcessed} shows failed." : null);
        try
        {
            services.Catalog.RefreshArtistStatus(run.ArtistId, services.Now, downloaded: false, populated: true);
            // Unchanged and skipped shows are processed but not populated: only the shows written count.
            services.Metrics.Add(run.ArtistId, services.Now, new DailyCounts(ShowsPopulated: showsCommitted, TracksProcessed: counts.TracksProcessed, Errors: counts.ShowsFailed));
        }
        finally
        {
            run.Finish(status, message);
        }

        if (uncommitted is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(uncommitted);
        }

        return services.Runs.Get(run.RunId)!;
    }

    public void Dispose()
    {
        try
        {
            preparer.Dispose();
            writer.Dispose(); // rolls back what was not committed, before the lock is let go
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Whether the show is this artist's, downloaded, and not in the catalog as this metadata and matcher would write it.</summary>
    private bool NeedsWriting(ShowToPopulate? known, bool force) =>
        known is { Metadata: { Status: not ShowMetadataStatus.NotImportable } row } && row.ArtistId == run.ArtistId
        && (force || known.Catalog is not { } state || state.MetadataHash != row.ContentHash || state.MatcherVersion != matcherVersion);

    /// <summary>Starts reading, parsing and matching the next shows to write while this one is written.</summary>
    private void PrepareAhead(bool force)
    {
        // Refilled in handfuls, not one show at a time, so the worker wakes once for several shows (a pool thread spins
        // on every wake-up, CPU that the shared machine's other core would rather have). Only a short way ahead: among
        // many unchanged shows, the next to write may be far off, and is prepared when it comes.
        if (preparer.Pending > ShowsPreparedAhead / 2)
        {
            return;
        }

        var end = Math.Min(upcoming.Count, position + 1 + 4 * ShowsPreparedAhead);
        for (var i = position + 1; i < end && preparer.Pending < ShowsPreparedAhead; i++)
        {
            var identifier = upcoming[i];
            if (!expected.TryGetValue(identifier, out var known))
            {
                return; // not looked up yet: the next lookup comes first
            }

            if (ArchiveIdentifier.IsValid(identifier) && NeedsWriting(known, force) && PathOrNull(identifier) is not null)
            {
                preparer.Ask(known!.Metadata);
            }
        }
    }

    /// <summary>The show's metadata file, or null when it has none (its own turn reports why).</summary>
    private string? PathOrNull(string identifier)
    {
        try
        {
            return services.MetadataFiles.PathFor(Artist.Name, identifier);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The show's state as looked up ahead by <see cref="Expect"/>, else looked up now.</summary>
    private ShowToPopulate? Take(string identifier) =>
        expected.Remove(identifier, out var known) ? known : services.Catalog.ShowsToPopulate(writer, [identifier]).GetValueOrDefault(identifier);

    private ShowWriteCounts Write(Show show, IReadOnlyList<TitleMatch> matches, string metadataHash, bool inCatalog)
    {
        ShowWriteCounts counts;
        try
        {
            counts = services.Catalog.WriteShow(writer, run.ArtistId, show, matches, songIds, metadataHash, matcherVersion, services.Now, inCatalog);
        }
        catch
        {
            Recover();
            throw;
        }

        uncommitted.Add(new WrittenShow(show, matches, metadataHash, inCatalog, counts.Tracks));
        if (uncommitted.Count >= ShowsPerCommit)
        {
            Commit();
        }

        return counts;
    }

    private void Commit()
    {
        if (!writer.HasUncommitted)
        {
            return;
        }

        try
        {
            writer.Commit();
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex) || ex is InvalidOperationException)
        {
            // Nothing of the batch is in the catalog: each of its shows is written again on its own.
            Recover();
            return;
        }

        foreach (var written in uncommitted)
        {
            run.ShowDone(written.Tracks, failed: false);
        }

        showsCommitted += uncommitted.Count;

        uncommitted.Clear();
    }

    /// <summary>
    /// After a failed write or commit the open batch is rolled back. The shows written before the failure in that batch
    /// were written without fault, so each is written again with its own commit; one that fails now is reported as
    /// failed. When no connection can be had at all, they are announced as rolled back (the next run writes them).
    /// </summary>
    private void Recover()
    {
        var replay = uncommitted.ToList();
        uncommitted.Clear();
        var done = 0;
        try
        {
            writer.Reset();
            foreach (var written in replay)
            {
                WriteAlone(written);
                done++;
            }
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex) || ex is InvalidOperationException)
        {
            var lost = $"Run {run.RunId}: {replay.Count - done} show(s) reported as populated were rolled back with a failed write and could not be " +
                $"written again ({services.Database.Target.Redact(ex.Message).TrimEnd('.')}); each is as it was before, and the next populate writes them.";
            reporter.Warning(lost);
            run.Log.Error("Batch rolled back: {Problem:l}", lost);
        }
    }

    private void WriteAlone(WrittenShow written)
    {
        try
        {
            services.Catalog.WriteShow(writer, run.ArtistId, written.Show, written.Matches, songIds, written.MetadataHash, matcherVersion, services.Now, written.InCatalog);
            writer.Commit();
            run.ShowDone(written.Tracks, failed: false);
            showsCommitted++;
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex))
        {
            run.ShowDone(0, failed: true);
            var identifier = written.Show.Identifier;
            reporter.Error(failures.DatabaseFailure(identifier, ex), "PopulateShowFailed", ProblemKind.WriteError, ArchiveIdentifier.Printable(identifier));
            writer.Reset();
        }
    }

    /// <summary>A show written in the open batch, kept so that it can be written again if the batch is rolled back.</summary>
    private sealed record WrittenShow(Show Show, IReadOnlyList<TitleMatch> Matches, string MetadataHash, bool InCatalog, int Tracks);

    /// <summary>
    /// Changes whenever the songs, aliases or ignore list change, so populate re-matches affected shows, and when the
    /// catalog's layout changes (<see cref="CatalogRepository.FormatVersion"/>), so populate lays every show out again.
    /// </summary>
    private static string MatcherVersion(ArtistConfig artist)
    {
        var text = new StringBuilder(TrackMatcher.AlgorithmVersion).Append('\n').Append(CatalogRepository.FormatVersion);
        foreach (var song in artist.Songs)
        {
            text.Append('\n').Append(song.Key).Append('\t').Append(song.Name).Append('\t').AppendJoin('\t', song.Aliases);
        }

        text.Append("\nignore\t").AppendJoin('\t', artist.Ignore);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
