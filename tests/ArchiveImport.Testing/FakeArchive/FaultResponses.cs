using System.Globalization;

namespace ArchiveImport.Testing;

/// <summary>The bodies that replace the normal answer for <see cref="Fault.Status"/> and <see cref="Fault.InvalidJson"/>.</summary>
internal static class FaultResponses
{
    public static FakeResponse For(Fault.Status fault)
    {
        var body = fault.Body is null
            ? FakeResponse.JsonErrorBody($"injected fault: HTTP {fault.StatusCode.ToString(CultureInfo.InvariantCulture)}")
            : System.Text.Encoding.UTF8.GetBytes(fault.Body);
        var contentType = fault.Body is not null && fault.Body.TrimStart().StartsWith('<')
            ? "text/html; charset=UTF-8"
            : FakeResponse.JsonContentType;
        return new FakeResponse(fault.StatusCode, contentType, body, fault.RetryAfter);
    }

    // What a misbehaving proxy or error handler in front of the API sends: a web page
    // under a JSON content type.
    public static FakeResponse HtmlErrorPage() => FakeResponse.Text(200, FakeResponse.JsonContentType, """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Internet Archive: Temporarily Unavailable</title></head>
        <body>
        <h1>Temporarily Unavailable</h1>
        <p>The Internet Archive is experiencing technical difficulties. Please try again later.</p>
        </body>
        </html>
        """);
}
