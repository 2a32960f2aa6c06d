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

    /// <summary>Sends 200 and <c>{"metadata":{"padding":"ppp…"}}</c> of the fault's size, a chunk at a time.</summary>
    public static async Task WriteOversizedAsync(HttpContext context, Fault.Oversized fault, RequestLog.Entry entry, CancellationToken ct)
    {
        var head = "{\"metadata\":{\"padding\":\""u8.ToArray();
        var tail = "\"}}"u8.ToArray();
        WriteHead(context, FakeResponse.Json(200, []), entry);
        if (fault.DeclareLength)
        {
            context.Response.ContentLength = fault.Bytes;
        }

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'p');
        var padding = fault.Bytes - head.Length - tail.Length;
        await context.Response.Body.WriteAsync(head, ct);
        for (var sent = 0L; sent < padding; sent += chunk.Length)
        {
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, padding - sent)), ct);
        }

        await context.Response.Body.WriteAsync(tail, ct);
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
