namespace ArchiveImport.Testing;

/// <summary>One request that reached <see cref="FakeArchiveOrg"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The percent-decoded path, without the query (for example <c>/metadata/../evil</c>).</param>
/// <param name="Query">The query string as sent, still encoded, with its leading <c>?</c>; empty when there was none.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header, or null when the client sent none.</param>
/// <param name="At">When the request arrived.</param>
/// <param name="StatusCode">The status sent; 0 while the answer is pending or when none was sent (<see cref="Fault.Hang"/>).</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string? UserAgent, DateTimeOffset At, int StatusCode);
