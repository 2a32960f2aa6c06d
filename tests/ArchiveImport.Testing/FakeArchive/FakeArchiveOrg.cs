using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArchiveImport.Testing;

/// <summary>
/// A fake archive.org on 127.0.0.1 serving recorded <c>/metadata/{identifier}</c> responses and
/// the <c>/services/search/v1/scrape</c> collection listing, with injectable faults and a request log.
/// </summary>
public sealed class FakeArchiveOrg : IAsyncDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    private readonly ItemCatalog catalog;
    private readonly MetadataEndpoint metadata;
    private readonly ScrapeEndpoint scrape;
    private readonly FaultQueue faults = new();
    private readonly RequestLog log = new();
    private readonly CancellationTokenSource stopping = new();
    private WebApplication? app;
    private long latencyTicks;
    private volatile bool stuckCursor;
    private volatile int cursorCycle;
    private volatile FaultMix? mix;
    private int disposed;

    private FakeArchiveOrg(ItemCatalog catalog)
    {
        this.catalog = catalog;
        metadata = new MetadataEndpoint(catalog);
        scrape = new ScrapeEndpoint(catalog);
    }

    /// <summary>The server's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A pause added before every response, for slow-server tests.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref latencyTicks));
        set => Interlocked.Exchange(ref latencyTicks, value.Ticks);
    }

    /// <summary>When true every scrape page is the first page with the same cursor, which never advances.</summary>
    public bool StuckCursor
    {
        get => stuckCursor;
        set => stuckCursor = value;
    }

    /// <summary>
    /// When 2 or more, the scrape cursor goes round in a cycle of that many pages and never ends: with 3 the cursors are
    /// c1, c2, c1, c2, ... (each page looks new, but a cursor comes back). 0 (the default) lists normally.
    /// </summary>
    public int CursorCycle
    {
        get => cursorCycle;
        set => cursorCycle = value;
    }

    /// <summary>
    /// A seeded share of faults on top of the injected ones (which come first); null (the default) for none. Can be
    /// switched on and off while requests are served.
    /// </summary>
    public FaultMix? Mix
    {
        get => mix;
        set => mix = value;
    }

    /// <summary>A snapshot of every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => log.Snapshot();

    /// <summary>Starts on a free port, serving the metadata fixtures of <paramref name="fixturesDirectory"/>.</summary>
    /// <param name="fixturesDirectory">Defaults to <c>fixtures/archive-org</c> next to the running assembly.</param>
    /// <param name="ct">Cancels the start.</param>
    public static Task<FakeArchiveOrg> StartAsync(string? fixturesDirectory = null, CancellationToken ct = default) =>
        StartAsync(fixturesDirectory, port: 0, ct);

    /// <summary>Starts on <paramref name="port"/> (0 picks a free one), serving the fixtures of <paramref name="fixturesDirectory"/>.</summary>
    public static async Task<FakeArchiveOrg> StartAsync(string? fixturesDirectory, int port, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var catalog = new ItemCatalog();
        FixtureLoader.LoadInto(catalog, fixturesDirectory ?? FixtureLoader.DefaultDirectory);
        var fake = new FakeArchiveOrg(catalog);
        try
        {
            await fake.ListenAsync(port, ct);
            return fake;
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves <paramref name="body"/> verbatim for <paramref name="identifier"/> and lists it in <paramref name="collections"/>.</summary>
    /// <remarks>The body may be anything: <c>{}</c>, a dark item, invalid JSON. Only the given collections count for scrape.</remarks>
    public void AddItem(string identifier, string body, params string[] collections)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        ArgumentNullException.ThrowIfNull(body);
        catalog.Put(ArchiveItem.FromBody(identifier, Encoding.UTF8.GetBytes(body)), collections);
    }

    /// <summary>Lists identifiers in a collection whether or not an item exists for them.</summary>
    public void AddToCollection(string collection, params string[] identifiers)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        catalog.AddToCollection(collection, identifiers);
    }

    /// <summary>Forgets the item: <c>/metadata</c> answers <c>{}</c> and no collection lists it.</summary>
    public void RemoveItem(string identifier) => catalog.Remove(identifier);

    /// <summary>
    /// Gives <paramref name="fault"/> to the next <paramref name="times"/> requests whose path starts
    /// with <paramref name="pathPrefix"/>. Several injections apply in the order they were made.
    /// </summary>
    public void Inject(string pathPrefix, Fault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        faults.Add(pathPrefix, fault, times);
    }

    /// <summary>How many requests each path starting with <paramref name="pathPrefix"/> had (paths without requests are absent).</summary>
    public IReadOnlyDictionary<string, int> CountRequestsByPath(string pathPrefix) => log.CountByPath(pathPrefix);

    /// <summary>Empties <see cref="Requests"/>.</summary>
    public void ClearRequests() => log.Clear();

    /// <summary>How many requests had a path starting with <paramref name="pathPrefix"/>.</summary>
    public int CountRequests(string pathPrefix) => log.Count(pathPrefix);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Ends hanging and delayed requests first; otherwise shutdown would wait for them.
        await stopping.CancelAsync();
        if (app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task ListenAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, port);
        });

        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address, UriKind.Absolute);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = RequestTarget.DecodedPath(context);
        var entry = log.Begin(context.Request.Method, path, context.Request.QueryString.Value ?? "", UserAgentOf(context));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            var fault = faults.TakeFor(path) ?? mix?.For(path, log.EarlierRequestsFor(path, entry));
            await PauseAsync(Latency, cancel.Token);
            switch (fault)
            {
                case Fault.Reset:
                    context.Abort();
                    return;
                case Fault.Oversized oversized:
                    await ResponseWriter.WriteOversizedAsync(context, oversized, entry, cancel.Token);
                    return;
                case Fault.Hang:
                    await PauseAsync(HangLimit, cancel.Token);
                    context.Abort();
                    return;
                case Fault.Delay delay:
                    await PauseAsync(delay.Duration, cancel.Token);
                    break;
            }

            var response = fault switch
            {
                Fault.Status status => FaultResponses.For(status),
                Fault.InvalidJson => FaultResponses.HtmlErrorPage(),
                _ => Route(context.Request, path),
            };

            if (fault is Fault.Truncated)
            {
                await ResponseWriter.WriteTruncatedAsync(context, response, entry, cancel.Token);
            }
            else
            {
                await ResponseWriter.WriteAsync(context, response, entry, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private FakeResponse Route(HttpRequest request, string path)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return FakeResponse.Error(405, "only GET is supported");
        }

        if (path.StartsWith(MetadataEndpoint.PathPrefix, StringComparison.Ordinal))
        {
            return metadata.Answer(path);
        }

        return path == ScrapeEndpoint.Path
            ? scrape.Answer(request.Query, StuckCursor, CursorCycle)
            : FakeResponse.Error(404, $"the fake archive.org does not serve {path}");
    }

    private static string? UserAgentOf(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent;
        return userAgent.Count == 0 ? null : userAgent.ToString();
    }

    private static Task PauseAsync(TimeSpan duration, CancellationToken ct) =>
        duration > TimeSpan.Zero ? Task.Delay(duration, ct) : Task.CompletedTask;
}
