namespace ArchiveImport.Testing;

/// <summary>
/// A misbehaviour that <see cref="FakeArchiveOrg"/> applies to one request, queued with
/// <see cref="FakeArchiveOrg.Inject"/>.
/// </summary>
public abstract record Fault
{
    private Fault()
    {
    }

    /// <summary>Answers with <paramref name="StatusCode"/> instead of the normal response.</summary>
    /// <param name="StatusCode">The HTTP status to send, for example 429 or 503.</param>
    /// <param name="RetryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up) when given.</param>
    /// <param name="Body">The body to send; a small JSON error object when null.</param>
    public sealed record Status(int StatusCode, TimeSpan? RetryAfter = null, string? Body = null) : Fault;

    /// <summary>Never answers: holds the request until the client gives up or two minutes pass, then drops the connection.</summary>
    public sealed record Hang : Fault;

    /// <summary>Answers 200 with only the first half of the normal body, then ends the response cleanly.</summary>
    public sealed record Truncated : Fault;

    /// <summary>Answers 200 with an HTML error page while claiming <c>application/json</c>.</summary>
    public sealed record InvalidJson : Fault;

    /// <summary>Waits <paramref name="Duration"/>, then answers normally.</summary>
    public sealed record Delay(TimeSpan Duration) : Fault;

    /// <summary>Drops the connection as soon as the request arrives, without an answer (what a reset looks like to the client).</summary>
    public sealed record Reset : Fault;

    /// <summary>
    /// Answers 200 with a JSON body of <paramref name="Bytes"/> bytes, generated as it is sent (never held in memory), with a
    /// Content-Length when <paramref name="DeclareLength"/> and chunked otherwise. Stops early, quietly, when the client hangs up.
    /// </summary>
    public sealed record Oversized(long Bytes, bool DeclareLength) : Fault;
}
