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
/// the catalog, one transaction per show. Populating an unchanged show again changes nothing.
/// </summary>
internal sealed class PopulateSession : IDisposable
{
    private const int StatusRefreshEvery = 50;

    private readonly ArchiveServices services;
    private readonly RunScope run;
    private readonly TrackMatcher matcher;
    private readonly IReadOnlyDictionary<string, int> songIds;
    private readonly string matcherVersion;
    private readonly RunFailures failures;
    private int sinceStatusRefresh;

    private PopulateSession(ArchiveServices services, ArtistConfig artist, RunScope run)
    {
        this.services = services;
        this.run = run;
        failures = new RunFailures(services, run);
        Artist = artist;
        matcher = new TrackMatcher(artist);
        songIds = services.Catalog.SyncSongs(run.ArtistId, artist.Songs);
        matcherVersion = MatcherVersion(artist);
    }

    public ArtistConfig Artist { get; }
    public long RunId => run.RunId;

    /// <summary>Takes the artist's populate lock and records the run as running.</summary>
    public static PopulateSession Start(ArchiveServices services, ArtistConfig artist)
    {
        var artistId = services.Artists.Ensure(artist.Name, artist.Collection, services.Now);
        var run = RunScope.Begin(services, artist.Name, artistId, ImportKind.Populate);
        try
        {
            return new PopulateSession(services, artist, run);
        }
        catch (Exception ex)
        {
            try
            {
                run.Finish(RunStatus.Failed, services.Database.Target.Redact(ex.Message));
            }
            finally
            {
                run.Dispose();
            }

            throw;
        }
    }

    public bool StopRequested() => run.StopRequested();

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
            var row = services.ShowMetadata.Get(identifier);
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

            var state = services.Catalog.GetShowState(identifier);
            if (!force && state is not null && state.MetadataHash == row.ContentHash && state.MatcherVersion == matcherVersion)
            {
                run.ShowDone(0, failed: false);
                return Result(PopulateStatus.Unchanged);
            }

            var path = services.MetadataFiles.PathFor(Artist.Name, identifier);
            var body = File.ReadAllBytes(path);
            var parsed = ArchiveItemParser.Parse(identifier, body);
            if (parsed.Show is not { } show)
            {
                run.ShowDone(0, failed: false);
                return Result(PopulateStatus.Skipped, $"not importable: {parsed.NotImportableReason}");
            }

            var matches = show.Tracks.Select(t => matcher.Match(t.Title ?? Path.GetFileNameWithoutExtension(t.FileName))).ToList();
            var counts = services.Catalog.WriteShow(run.ArtistId, show, matches, songIds, row.ContentHash ?? ContentHash.Compute(body), matcherVersion, services.Now);
            run.ShowDone(counts.Tracks, failed: false);
            failures.Written();
            if (++sinceStatusRefresh >= StatusRefreshEvery)
            {
                sinceStatusRefresh = 0;
                services.Catalog.RefreshArtistStatus(run.ArtistId, services.Now, downloaded: false, populated: false);
            }

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
        IsFinished = true;
        var counts = run.Counts;
        var status = stopped?.Status
            ?? (counts.ShowsFailed > 0 && counts.ShowsFailed == counts.ShowsProcessed ? RunStatus.Failed : RunStatus.Completed);
        var message = stopped?.Message ?? (counts.ShowsFailed > 0 ? $"{counts.ShowsFailed} of {counts.ShowsProcessed} shows failed." : null);
        try
        {
            services.Catalog.RefreshArtistStatus(run.ArtistId, services.Now, downloaded: false, populated: true);
            services.Metrics.Add(run.ArtistId, services.Now, new DailyCounts(ShowsPopulated: counts.ShowsProcessed - counts.ShowsFailed, TracksProcessed: counts.TracksProcessed, Errors: counts.ShowsFailed));
        }
        finally
        {
            run.Finish(status, message);
        }

        return services.Runs.Get(run.RunId)!;
    }

    public void Dispose() => run.Dispose();

    /// <summary>Changes whenever the songs, aliases or ignore list change, so populate re-matches affected shows.</summary>
    private static string MatcherVersion(ArtistConfig artist)
    {
        var text = new StringBuilder(TrackMatcher.AlgorithmVersion);
        foreach (var song in artist.Songs)
        {
            text.Append('\n').Append(song.Key).Append('\t').Append(song.Name).Append('\t').AppendJoin('\t', song.Aliases);
        }

        text.Append("\nignore\t").AppendJoin('\t', artist.Ignore);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
