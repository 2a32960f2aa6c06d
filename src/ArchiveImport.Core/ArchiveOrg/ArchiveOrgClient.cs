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
    private static readonly string[] ChangeFields = ["updatedate", "publicdate", "addeddate"];

    private readonly HttpClient http;
    private readonly Uri baseAddress;
    private static readonly ResiliencePropertyKey<Uri> RequestUrl = new("ArchiveImport.RequestUrl");

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly Action<string>? retryNotice;
    private readonly Uri archiveUrl;

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
    }

    public static string UserAgent { get; } =
        $"ArchiveImport/{typeof(ArchiveOrgClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (live-concert catalog importer)";

    /// <summary>Lists the items of <paramref name="collection"/>, following the scrape cursor until it is absent.</summary>
    public async IAsyncEnumerable<CollectionItem> ListCollectionAsync(
        string collection, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        string? previousFirst = null;
        var yielded = 0;
        var count = Math.Max(100, Math.Min(ScrapePageSize, limit ?? ScrapePageSize));
        var query = $"collection:({collection})";
        while (true)
        {
            var url = $"services/search/v1/scrape?q={Uri.EscapeDataString(query)}&fields=identifier,{string.Join(',', ChangeFields)}&count={count}"
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var document = await GetJsonAsync(url, cancellationToken).ConfigureAwait(false);
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

            if (next == cursor)
            {
                throw new ArchiveOrgException(
                    $"archive.org's scrape cursor did not advance while listing '{collection}'; stopped to avoid looping.");
            }

            cursor = next;
        }
    }

    /// <summary>Fetches /metadata/{identifier}; the bytes returned are always one complete JSON document.</summary>
    public async Task<byte[]> GetMetadataAsync(string identifier, CancellationToken cancellationToken)
    {
        ArchiveIdentifier.Validate(identifier);
        return await SendAsync($"metadata/{Uri.EscapeDataString(identifier)}", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string relativeUrl, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await SendAsync(relativeUrl, cancellationToken).ConfigureAwait(false));

    private async Task<byte[]> SendAsync(string relativeUrl, CancellationToken cancellationToken)
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
                    var attempt = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    if (attempt.IsSuccessStatusCode)
                    {
                        body = await attempt.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                        EnsureCompleteJson(body, url);
                    }

                    return attempt;
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

    private static void EnsureCompleteJson(byte[] body, Uri url)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
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
            throw new InvalidArchiveResponseException(
                $"archive.org sent a body for {url.PathAndQuery} that is not complete JSON ({ex.Message}).", ex);
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
