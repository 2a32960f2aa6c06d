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
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public ArchiveOrgClient(ArchiveImportSettings settings, HttpMessageHandler? handler = null)
    {
        baseAddress = new Uri(settings.ArchiveUrl.ToString().TrimEnd('/') + "/");
        http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout in the pipeline
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        pipeline = BuildPipeline(settings.HttpTimeout, settings.MaxRetries, settings.RetryBaseDelay);
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
                throw new ArchiveOrgException($"archive.org search refused the listing of '{collection}': {error}");
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
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    var attempt = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    if (attempt.IsSuccessStatusCode)
                    {
                        body = await attempt.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                        EnsureCompleteJson(body, url);
                    }

                    return attempt;
                },
                cancellationToken).ConfigureAwait(false);

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
        catch (HttpRequestException ex)
        {
            throw new ArchiveOrgException($"Could not reach archive.org for {url.PathAndQuery}: {ex.Message}", ex);
        }
        catch (InvalidArchiveResponseException ex)
        {
            throw new ArchiveOrgException(ex.Message + " (after retries)", ex);
        }
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

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(TimeSpan timeout, int maxRetries, TimeSpan baseDelay)
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
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<InvalidArchiveResponseException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
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
