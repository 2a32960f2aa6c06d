using System.Diagnostics;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>What became of a show in a download, as the word it exports as (JSON and CSV show the name, not a number).</summary>
public static class DownloadStatus
{
    public const string Downloaded = "Downloaded";
    public const string Unchanged = "Unchanged";
    public const string NotImportable = "NotImportable";
    public const string Failed = "Failed";
}

public sealed record DownloadRequest(string Artist, int? Limit = null, IReadOnlyList<string>? Identifiers = null, bool Force = false, int? ThrottleLimit = null);

/// <summary>What happened to one show in a download run.</summary>
public sealed class DownloadResult
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    /// <summary>One of <see cref="DownloadStatus"/>.</summary>
    public string Status { get; init; } = "";
    public string? Path { get; init; }
    public long Bytes { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Reason { get; init; }
    public long RunId { get; init; }
}

/// <summary>
/// Lists an artist's items on archive.org and downloads each one's metadata into the metadata folder, recording it in
/// archivedotorg_show_metadata. Unchanged items are skipped; one show's failure is reported and the run goes on.
/// </summary>
public sealed class DownloadJob
{
    public const string Activity = "Downloading archive.org metadata";
    private readonly ArchiveServices services;

    public DownloadJob(ArchiveServices services) => this.services = services;

    public async Task<ImportRun> RunAsync(DownloadRequest request, IJobReporter reporter, CancellationToken cancellationToken)
    {
        using var cancellation = new JobCancellation(cancellationToken);
        return await RunAsync(request, reporter, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the download to its end and returns the run as recorded: completed, cancelled (by Stop-ArchiveImport, or as
    /// <paramref name="cancellation"/> says) or failed with the real cause, whatever went wrong. The lock is released on return.
    /// </summary>
    public async Task<ImportRun> RunAsync(DownloadRequest request, IJobReporter reporter, JobCancellation cancellation)
    {
        var artist = services.RequireArtist(request.Artist);
        services.Database.CheckIntegrity();
        var artistId = services.Artists.Ensure(artist.Name, artist.Collection, services.Now);
        using var run = RunScope.Begin(services, artist.Name, artistId, ImportKind.Download);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token);
        var failures = new RunFailures(services, run);
        string status = RunStatus.Completed;
        string? message = null;
        var stoppedByCommand = false;
        var written = 0;
        try
        {
            reporter.Verbose($"Run {run.RunId}: downloading '{artist.Name}' (collection {artist.Collection}) from {services.Settings.ArchiveUrl}.");
            var leftovers = services.MetadataFiles.RemoveLeftovers(artist.Name);
            if (leftovers > 0)
            {
                reporter.Verbose($"Removed {leftovers} partial file(s) left by an interrupted run.");
            }

            void Retrying(string notice)
            {
                reporter.Verbose(notice);
                run.Log.Warning("Retry: {Notice:l}", notice);
            }

            using var client = new ArchiveOrgClient(services.Settings, retryNotice: Retrying);
            using var connection = services.Database.OpenShared(run.Log);
            var showMetadata = services.ShowMetadata.On(connection);
            var items = await ListAsync(client, artist.Collection, request, reporter, stop.Token).ConfigureAwait(false);
            services.Runs.SetTotal(run.RunId, items.Count);
            var writes = new ShowWriteRetry(services, run.RunId, Retrying);
            var done = 0;
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, request.ThrottleLimit ?? services.Settings.ThrottleLimit),
                CancellationToken = stop.Token,
            };
            await Parallel.ForEachAsync(items, options, async (item, token) =>
            {
                if (run.StopRequested())
                {
                    stop.Cancel();
                    return;
                }

                var result = await DownloadOneAsync(client, showMetadata, writes, artist.Name, artistId, item, request.Force, run.RunId, failures, reporter, token).ConfigureAwait(false);
                run.ShowDone(0, result.Status == DownloadStatus.Failed);
                if (result.Status == DownloadStatus.Downloaded)
                {
                    Interlocked.Increment(ref written);
                }

                reporter.Result(result);
                failures.ThrowIfStopping();
                var count = Interlocked.Increment(ref done);
                reporter.Progress(new JobProgress(Activity, $"{artist.Name}: {count} of {items.Count}", items.Count == 0 ? 100 : 100 * count / items.Count, item.Identifier));
            }).ConfigureAwait(false);

            if (run.Counts.ShowsFailed > 0)
            {
                message = $"{run.Counts.ShowsFailed} of {items.Count} shows failed; run Invoke-ArchiveDownload again to retry them.";
                status = run.Counts.ShowsFailed == items.Count ? RunStatus.Failed : RunStatus.Completed;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stoppedByCommand = run.StopRequested() && !cancellation.IsCancellationRequested;
            var why = stoppedByCommand
                ? StopReason.Cancelled("Stopped by Stop-ArchiveImport.")
                : cancellation.Reason ?? StopReason.ByUser;
            (status, message) = (why.Status, why.Message);
        }
        catch (Exception ex)
        {
            // Whatever it was, the run records that it failed and why; the host hears of it as an error.
            var failure = failures.RunFailed(ex);
            status = RunStatus.Failed;
            message = failure.Message;
            reporter.Error(failure, "DownloadRunFailed", ProblemKindOf(ex), artist.Name);
        }

        reporter.ProgressCompleted(Activity);
        run.Finish(status, message);
        if (status == RunStatus.Cancelled)
        {
            reporter.Warning($"Run {run.RunId} (download of '{artist.Name}') was cancelled after {run.Counts.ShowsProcessed} show(s): {message}");
            if (stoppedByCommand)
            {
                // A scheduler must not take a stopped run for a finished one: an error makes the host's exit code say so.
                reporter.Error(failures.StoppedByCommand(run.Counts.ShowsProcessed), "RunCancelled", ProblemKind.Stopped, artist.Name);
            }
        }

        services.Catalog.RefreshArtistStatus(artistId, services.Now, downloaded: true, populated: false);
        services.Metrics.Add(artistId, services.Now, new DailyCounts(ShowsDownloaded: written, Errors: run.Counts.ShowsFailed));
        return services.Runs.Get(run.RunId)!;
    }

    /// <summary>
    /// A show downloaded before the catalog kept metadata bodies (migration 3) has only its local file: when that file is
    /// intact (its recorded size and content hash), it becomes the copy every worker reads, and nothing is fetched.
    /// </summary>
    private bool SharedFromLocalFile(string path, ShowMetadataRow known)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != known.Bytes)
        {
            return false;
        }

        var local = File.ReadAllBytes(path);
        if (ContentHash.Compute(local) != known.ContentHash)
        {
            return false;
        }

        services.ShowMetadata.SaveBody(known.Identifier, local, services.Now);
        return true;
    }

    internal static ProblemKind ProblemKindOf(Exception exception) => exception switch
    {
        ImportRunFailedException { InnerException: { } cause } => ProblemKindOf(cause),
        ArchiveOrgException or CatalogUnavailableException => ProblemKind.ConnectionError,
        IOException or UnauthorizedAccessException => ProblemKind.WriteError,
        ArgumentException => ProblemKind.InvalidArgument,
        ArchiveItemFormatException or FormatException => ProblemKind.InvalidData,
        _ => ProblemKind.WriteError,
    };

    private static async Task<IReadOnlyList<CollectionItem>> ListAsync(
        ArchiveOrgClient client, string collection, DownloadRequest request, IJobReporter reporter, CancellationToken token)
    {
        if (request.Identifiers is { Count: > 0 } identifiers)
        {
            return identifiers.Distinct(StringComparer.Ordinal).Select(i => new CollectionItem(i, null)).Take(request.Limit ?? int.MaxValue).ToList();
        }

        var items = new List<CollectionItem>();
        await foreach (var item in client.ListCollectionAsync(collection, request.Limit, token).ConfigureAwait(false))
        {
            items.Add(item);
            if (items.Count % 1000 == 0)
            {
                reporter.Progress(new JobProgress(Activity, $"Listing collection {collection}: {items.Count} items", -1));
            }
        }

        reporter.Verbose($"archive.org lists {items.Count} item(s) in collection {collection}{(request.Limit is { } l ? $" (limit {l})" : "")}.");
        return items;
    }

    private async Task<DownloadResult> DownloadOneAsync(
        ArchiveOrgClient client, ShowMetadataRepository showMetadata, ShowWriteRetry writes, string artist, int artistId, CollectionItem item, bool force, long runId, RunFailures failures, IJobReporter reporter,
        CancellationToken token)
    {
        var watch = Stopwatch.StartNew();
        DownloadResult Result(string status, string? path = null, long bytes = 0, string? reason = null) => new()
        {
            Artist = artist, Identifier = item.Identifier, Status = status, Path = path, Bytes = bytes, Elapsed = watch.Elapsed, Reason = reason, RunId = runId,
        };

        try
        {
            var path = services.MetadataFiles.PathFor(artist, item.Identifier);
            var known = showMetadata.Get(item.Identifier);
            if (!force && known is not null && item.ChangeStamp is not null && known.SourceUpdated == item.ChangeStamp && known.ArtistId == artistId)
            {
                if (known.Status == ShowMetadataStatus.NotImportable)
                {
                    return Result(DownloadStatus.NotImportable, reason: known.Reason);
                }

                if (known.BodySha256 is not null || SharedFromLocalFile(path, known))
                {
                    writes.Write(item.Identifier, () => showMetadata.Touch(item.Identifier, item.ChangeStamp, services.Now));
                    failures.Written();
                    return Result(DownloadStatus.Unchanged, path, known.Bytes);
                }
            }

            var body = await client.GetMetadataAsync(item.Identifier, token).ConfigureAwait(false);
            var parsed = ArchiveItemParser.Parse(item.Identifier, body);
            if (!parsed.IsImportable)
            {
                writes.Write(item.Identifier, () => showMetadata.Save(new ShowMetadataRow
                {
                    ArtistId = artistId, Identifier = item.Identifier, Status = ShowMetadataStatus.NotImportable,
                    Reason = parsed.NotImportableReason, SourceUpdated = item.ChangeStamp, DownloadedAt = services.Now,
                }, services.Now));
                reporter.Verbose($"{item.Identifier} is not importable: {parsed.NotImportableReason}.");
                return Result(DownloadStatus.NotImportable, reason: parsed.NotImportableReason);
            }

            var hash = ContentHash.Compute(body);
            if (!force && known?.ContentHash == hash && known.Status == ShowMetadataStatus.Downloaded && known.BodySha256 is not null)
            {
                writes.Write(item.Identifier, () => showMetadata.Touch(item.Identifier, item.ChangeStamp, services.Now));
                return Result(DownloadStatus.Unchanged, path, body.Length);
            }

            services.MetadataFiles.WriteAtomically(path, body);
            writes.Write(item.Identifier, () => showMetadata.Save(new ShowMetadataRow
            {
                ArtistId = artistId, Identifier = item.Identifier, Status = ShowMetadataStatus.Downloaded, FilePath = path,
                ContentHash = hash, Bytes = body.Length, SourceUpdated = item.ChangeStamp, DownloadedAt = services.Now,
            }, services.Now, body));
            failures.Written();
            return Result(DownloadStatus.Downloaded, path, body.Length);
        }
        catch (Exception ex) when (RunFailures.IsDatabaseFailure(ex))
        {
            var error = failures.DatabaseFailure(item.Identifier, ex);
            reporter.Error(error, "DownloadShowFailed", ProblemKind.WriteError, ArchiveIdentifier.Printable(item.Identifier));
            return Result(DownloadStatus.Failed, reason: error.Message);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            throw failures.DiskFull(item.Identifier, services.Settings.MetadataDirectory, ex);
        }
        catch (Exception ex) when (ex is ArchiveOrgException or ArchiveItemFormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            var kind = ex switch
            {
                ArgumentException => ProblemKind.InvalidArgument,
                ArchiveItemFormatException => ProblemKind.InvalidData,
                ArchiveOrgException => ProblemKind.ConnectionError,
                _ => ProblemKind.WriteError,
            };
            var printable = ArchiveIdentifier.Printable(item.Identifier);
            reporter.Error(failures.Show(item.Identifier, ex, retry: ex is not ArgumentException), "DownloadShowFailed", kind, printable);
            return Result(DownloadStatus.Failed, reason: ex.Message);
        }
    }
}
