using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ArchiveImport.Core.Settings;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ArchiveImport.Core.ArchiveOrg;

/// <summary>An item in an artist's collection, as the search API lists it.</summary>
/// <param name="ChangeStamp">The latest of the item's update/publish/add dates, when the search API gave any.</param>
public sealed record CollectionItem(string Identifier, string? ChangeStamp);

/// <summary>
/// Talks to archive.org's scrape (search) and metadata APIs, riding out throttling, server errors, timeouts and
/// truncated bodies with retries (exponential backoff with jitter, honouring Retry-After).
/// </summary>
public sealed class ArchiveOrgClient : IDisposable
{
    public const int ScrapePageSize = 1000;

    /// <summary>
    /// The largest body read from archive.org (64 MiB). Real metadata answers are at most a few MB; a hostile or broken
    /// server could otherwise send gigabytes into memory. Large enough for a 50 MB item, which is imported (clipped).
    /// </summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;
    private static readonly string[] ChangeFields = ["updatedate", "publicdate", "addeddate"];

    private readonly HttpClient http;
    private readonly Uri baseAddress;
    private static readonly ResiliencePropertyKey<Uri> RequestUrl = new("ArchiveImport.RequestUrl");

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly Action<string>? retryNotice;
    private readonly Uri archiveUrl;
    private readonly int maxScrapePages;
    private readonly int maxListedItems;

    /// <param name="settings">Where archive.org is and how hard to try.</param>
    /// <param name="handler">The HTTP handler (tests); by default a pooled socket handler.</param>
    /// <param name="retryNotice">Told about every retry (which request, why, how long it waits): a verbose line for operators.</param>
    public ArchiveOrgClient(ArchiveImportSettings settings, HttpMessageHandler? handler = null, Action<string>? retryNotice = null)
    {
        this.retryNotice = retryNotice;
        baseAddress = new Uri(settings.ArchiveUrl.ToString().TrimEnd('/') + "/");
        http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout in the pipeline
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        pipeline = BuildPipeline(settings.HttpTimeout, settings.MaxRetries, settings.RetryBaseDelay);
        archiveUrl = settings.ArchiveUrl;
        maxScrapePages = Math.Max(1, settings.MaxScrapePages);
        maxListedItems = Math.Max(1, settings.MaxListedItems);
    }

    public static string UserAgent { get; } =
        $"ArchiveImport/{typeof(ArchiveOrgClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (live-concert catalog importer)";

    /// <summary>
    /// Lists the items of <paramref name="collection"/>, following the scrape cursor until it is absent. A cursor seen
    /// before (a stuck or cycling cursor), more pages than <see cref="ArchiveImportSettings.MaxScrapePages"/> or more items
    /// than <see cref="ArchiveImportSettings.MaxListedItems"/> stop the listing with an <see cref="ArchiveOrgException"/>.
    /// </summary>
    public async IAsyncEnumerable<CollectionItem> ListCollectionAsync(
        string collection, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        string? previousFirst = null;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        var yielded = 0;
        var count = Math.Max(100, Math.Min(ScrapePageSize, limit ?? ScrapePageSize));
        var query = $"collection:({collection})";
        while (true)
        {
            var url = $"services/search/v1/scrape?q={Uri.EscapeDataString(query)}&fields=identifier,{string.Join(',', ChangeFields)}&count={count}"
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var document = await GetJsonAsync(url, $"the listing of collection '{collection}'", cancellationToken).ConfigureAwait(false);
            pages++;
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new ArchiveOrgException(
                    $"archive.org search refused the listing of '{collection}': {error}. Check the collection in the artist's YAML config.");
            }

            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new ArchiveOrgException($"archive.org search answered without an 'items' list for '{collection}'.");
            }

            var first = items.GetArrayLength() > 0 ? ReadString(items[0], "identifier") : null;
            if (cursor is not null && first is not null && first == previousFirst)
            {
                throw new ArchiveOrgException(
                    $"archive.org's scrape cursor did not advance while listing '{collection}' (the same page came back twice); " +
                    "stopped to avoid looping. Try again later, or pass -Identifier to download known items.");
            }

            previousFirst = first;
            foreach (var item in items.EnumerateArray())
            {
                var identifier = ReadString(item, "identifier");
                if (identifier is null)
                {
                    continue;
                }

                if (yielded >= maxListedItems)
                {
                    throw Runaway(collection, pages, yielded, $"it lists more than {maxListedItems:N0} items (maxListedItems)");
                }

                yield return new CollectionItem(identifier, ChangeStamp(item));
                if (++yielded >= limit)
                {
                    yield break;
                }
            }

            var next = root.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (string.IsNullOrEmpty(next))
            {
                yield break;
            }

            if (!cursors.Add(next))
            {
                // A cursor that comes back (c1 -> c2 -> c1) would page for ever, each page looking new.
                throw new ArchiveOrgException(
                    $"archive.org's scrape cursor did not advance while listing '{collection}': after {pages:N0} page(s) " +
                    $"({yielded:N0} items) it handed back a cursor it had already given, so following it would loop for ever. " +
                    "Stopped; nothing was lost. Try again later, or pass -Identifier to download known items.");
            }

            if (pages >= maxScrapePages)
            {
                throw Runaway(collection, pages, yielded, $"it needs more than {maxScrapePages:N0} pages (maxScrapePages)");
            }

            cursor = next;
        }
    }

    private static ArchiveOrgException Runaway(string collection, int pages, int items, string why) => new(
        $"Stopped listing collection '{collection}' after {pages:N0} page(s) and {items:N0} items: {why}. " +
        "If the collection really is that large, raise the limit in config/archiveimport.yaml; otherwise archive.org's " +
        "scrape cursor is misbehaving: try again later, or pass -Identifier to download known items.");

    /// <summary>Fetches /metadata/{identifier}; the bytes returned are always one complete JSON document.</summary>
    public async Task<byte[]> GetMetadataAsync(string identifier, CancellationToken cancellationToken)
    {
        ArchiveIdentifier.Validate(identifier);
        return await SendAsync($"metadata/{Uri.EscapeDataString(identifier)}", $"item '{identifier}'", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string relativeUrl, string subject, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await SendAsync(relativeUrl, subject, cancellationToken).ConfigureAwait(false));

    /// <summary>GETs a JSON document; <paramref name="subject"/> ("item 'x'") names it in errors that no retry can mend.</summary>
    private async Task<byte[]> SendAsync(string relativeUrl, string subject, CancellationToken cancellationToken)
    {
        var url = new Uri(baseAddress, relativeUrl);
        byte[]? body = null;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestUrl, url);
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async attemptContext =>
                {
                    var token = attemptContext.CancellationToken;
                    var attempt = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    try
                    {
                        if (attempt.IsSuccessStatusCode)
                        {
                            body = await ReadBodyAsync(attempt, url, subject, token).ConfigureAwait(false);
                            body = EnsureCompleteJson(body, DeclaredLength(attempt), url, subject);
                        }

                        return attempt;
                    }
                    catch
                    {
                        attempt.Dispose();
                        throw;
                    }
                },
                context).ConfigureAwait(false);

            if (!response.IsSuccessStatusCode)
            {
                throw new ArchiveOrgException(
                    $"archive.org answered {(int)response.StatusCode} {response.ReasonPhrase} for {url.PathAndQuery} after retries.");
            }

            return body!;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ArchiveOrgException($"archive.org did not answer {url.PathAndQuery} in time, after retries.", ex);
        }
        catch (HttpRequestException ex) when (IsRefused(ex))
        {
            throw new ArchiveOrgException(
                $"Could not connect to {archiveUrl} for {url.PathAndQuery}: the connection was refused, so nothing listens there. " +
                $"Check the archive.org address: -ArchiveUrl, {SettingsLoader.ArchiveUrlVariable} or archiveUrl in config/archiveimport.yaml " +
                $"(default {ArchiveImportSettings.DefaultArchiveUrl}).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ArchiveOrgException($"Could not reach archive.org ({archiveUrl}) for {url.PathAndQuery}, after retries: {ex.Message.TrimEnd('.')}.", ex);
        }
        catch (InvalidArchiveResponseException ex)
        {
            throw new ArchiveOrgException(ex.Message + " (after retries)", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The body, read no further than <see cref="MaxBodyBytes"/>: a larger one (declared or sent) fails at once, without
    /// being held in memory or retried. A connection that breaks mid-body is an <see cref="HttpRequestException"/>, retried.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri url, string subject, CancellationToken token)
    {
        var declared = DeclaredLength(response);
        if (declared > MaxBodyBytes)
        {
            throw TooLarge(url, subject, $"it declares {declared:N0} bytes");
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            using var buffer = new MemoryStream((int)(declared ?? 0));
            var chunk = new byte[81_920];
            int read;
            while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge(url, subject, $"it went on past {MaxBodyBytes:N0} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        catch (IOException ex)
        {
            throw new HttpRequestException($"the connection broke while the body was being read ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    private static ArchiveOrgException TooLarge(Uri url, string subject, string what) => new(
        $"archive.org's answer for {subject} ({url.PathAndQuery}) is larger than the {MaxBodyBytes / (1024 * 1024)} MiB an answer may be " +
        $"({what}), so it was not read further or retried. No real archive.org item is that large: check that archiveUrl in " +
        "config/archiveimport.yaml points at archive.org; the rest of the run goes on without it.");

    /// <summary>Nothing listens at the address: retrying cannot help, and the address is most likely a wrong setting.</summary>
    private static bool IsRefused(HttpRequestException ex) =>
        ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };

    /// <summary>"GET /metadata/x: 503 Service Unavailable; retry 1 of 6 in 1.2 s."</summary>
    private static string DescribeRetry(OnRetryArguments<HttpResponseMessage> args, int maxRetries, TimeSpan timeout)
    {
        var what = args.Context.Properties.TryGetValue(RequestUrl, out var url) ? url.PathAndQuery : "a request";
        var why = args.Outcome switch
        {
            { Exception: TimeoutRejectedException } => $"no answer within {timeout.TotalSeconds:0.#} s",
            { Exception: { } exception } => exception.Message.TrimEnd('.'),
            { Result: { } response } => $"{(int)response.StatusCode} {response.ReasonPhrase}" +
                (response.Headers.RetryAfter is not null ? " (waiting as its Retry-After asks)" : ""),
            _ => "failed",
        };
        return $"archive.org GET {what}: {why}; retry {args.AttemptNumber + 1} of {maxRetries} in {args.RetryDelay.TotalSeconds:0.##} s.";
    }

    /// <summary>
    /// The body as one complete JSON document (a UTF-8 byte order mark is dropped). A body cut short in transit is worth
    /// a retry (<see cref="InvalidArchiveResponseException"/>); a body that arrived whole (its Content-Length matched, or
    /// it goes wrong before its end: invalid text, nesting deeper than JSON's 64 levels) would come back the same, so it
    /// fails at once (<see cref="ArchiveOrgException"/>).
    /// </summary>
    private static byte[] EnsureCompleteJson(byte[] body, long? contentLength, Uri url, string subject)
    {
        var json = body.AsSpan();
        var bom = json.StartsWith(Utf8Bom);
        if (bom)
        {
            json = json[Utf8Bom.Length..];
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
            }

            if (reader.BytesConsumed == 0)
            {
                throw new JsonException("empty body");
            }
        }
        catch (JsonException ex)
        {
            if (json.Length > 0 && (contentLength == body.Length || !EndsEarly(json)))
            {
                throw new ArchiveOrgException(
                    $"archive.org's answer for {subject} ({url.PathAndQuery}) arrived complete but is not JSON that can be read: " +
                    $"{ex.Message.TrimEnd('.')}. It was not retried, because the same answer would come back. " +
                    "Try again later in case archive.org repairs it; the rest of the run goes on without it.", ex);
            }

            throw new InvalidArchiveResponseException(
                $"archive.org sent a body for {url.PathAndQuery} that is not complete JSON ({ex.Message}).", ex);
        }

        return bom ? json.ToArray() : body;
    }

    /// <summary>
    /// The Content-Length the server sent, or null for a chunked body (whose clean end proves nothing about the JSON).
    /// Read from the raw header: the typed one reports the buffered length when the server sent none.
    /// </summary>
    private static long? DeclaredLength(HttpResponseMessage response) =>
        response.Headers.TransferEncodingChunked != true
        && response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values)
        && long.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            ? length
            : null;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>True when the JSON is valid as far as it goes and only its end is missing: what a truncated transfer looks like.</summary>
    private static bool EndsEarly(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(TimeSpan timeout, int maxRetries, TimeSpan baseDelay)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(ex => !IsRefused(ex))
                    .Handle<TimeoutRejectedException>()
                    .Handle<InvalidArchiveResponseException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    retryNotice?.Invoke(DescribeRetry(args, maxRetries, timeout));
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(timeout).Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>The server's Retry-After, capped at two minutes; null leaves the delay to the backoff.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(d.Ticks, TimeSpan.FromMinutes(2).Ticks)) : null;
    }

    private static string? ChangeStamp(JsonElement item)
    {
        string? latest = null;
        foreach (var field in ChangeFields)
        {
            if (!item.TryGetProperty(field, out var value))
            {
                continue;
            }

            var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
            foreach (var v in values.Where(v => v.ValueKind == JsonValueKind.String))
            {
                var text = v.GetString();
                if (!string.IsNullOrEmpty(text) && string.CompareOrdinal(text, latest) > 0)
                {
                    latest = text;
                }
            }
        }

        return latest;
    }

    private static string? ReadString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
