using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>A downloaded show read, parsed and matched, ready to be written: all of populate's work that needs no database.</summary>
internal sealed record PreparedShow(ParsedItem Parsed, IReadOnlyList<TitleMatch> Matches, string ContentHash);

/// <summary>
/// Reads, parses and matches shows on one background worker, in the order they are asked for, so that the next shows
/// are ready while the writer writes the current one (populate otherwise leaves the second core idle). Nothing here
/// touches the catalog: a show asked for and never taken is simply dropped. The matcher is only ever used by the worker,
/// one show after another. Use from one thread at a time.
/// </summary>
internal sealed class ShowPreparer : IDisposable
{
    private readonly TrackMatcher matcher;
    private readonly Func<ShowMetadataRow, byte[]> read;
    private readonly Dictionary<string, Task<PreparedShow>> pending = new(StringComparer.Ordinal);
    private Task worker = Task.CompletedTask;

    /// <param name="read">Reads a show's metadata body (from its local file or the catalog's copy); called on the worker.</param>
    public ShowPreparer(TrackMatcher matcher, Func<ShowMetadataRow, byte[]> read)
    {
        this.matcher = matcher;
        this.read = read;
    }

    /// <summary>How many shows are being prepared or waiting to be taken.</summary>
    public int Pending => pending.Count;

    /// <summary>Starts preparing the show after those already asked for.</summary>
    public void Ask(ShowMetadataRow row)
    {
        if (pending.ContainsKey(row.Identifier))
        {
            return;
        }

        var prepared = worker.ContinueWith(_ => Prepare(row), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        pending[row.Identifier] = prepared;
        worker = prepared;
    }

    /// <summary>The prepared show, waited for; it is asked for first when it was not. Throws what preparing it threw.</summary>
    public PreparedShow Take(ShowMetadataRow row)
    {
        Ask(row);
        pending.Remove(row.Identifier, out var prepared);
        return prepared!.GetAwaiter().GetResult();
    }

    /// <summary>Forgets the shows asked for and not taken.</summary>
    public void Clear() => pending.Clear();

    /// <summary>Waits for the worker, so no work outlives the run.</summary>
    public void Dispose()
    {
        pending.Clear();
        worker.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
    }

    private PreparedShow Prepare(ShowMetadataRow row)
    {
        var body = read(row);
        var parsed = ArchiveItemParser.Parse(row.Identifier, body);
        var matches = parsed.Show is { } show
            ? show.Tracks.Select(t => matcher.Match(t.Title ?? Path.GetFileNameWithoutExtension(t.FileName))).ToList()
            : [];
        return new PreparedShow(parsed, matches, parsed.Show is null ? "" : row.ContentHash ?? ContentHash.Compute(body));
    }
}
