using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ArchiveImport.Testing;

/// <summary>Sends a <see cref="FakeResponse"/>, recording its status in the request log first.</summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, FakeResponse response, RequestLog.Entry entry, CancellationToken ct)
    {
        WriteHead(context, response, entry);
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, ct);
    }

    /// <summary>Sends 200 and the first half of the body without a length, so the response ends cleanly but short.</summary>
    public static async Task WriteTruncatedAsync(HttpContext context, FakeResponse response, RequestLog.Entry entry, CancellationToken ct)
    {
        WriteHead(context, response with { StatusCode = 200, ContentType = FakeResponse.JsonContentType, RetryAfter = null }, entry);
        await context.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), ct);
    }

    private static void WriteHead(HttpContext context, FakeResponse response, RequestLog.Entry entry)
    {
        entry.SetStatus(response.StatusCode);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        if (response.RetryAfter is { } retryAfter)
        {
            var seconds = (long)Math.Ceiling(Math.Max(0, retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
