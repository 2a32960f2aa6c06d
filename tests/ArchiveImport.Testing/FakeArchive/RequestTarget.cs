using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ArchiveImport.Testing;

/// <summary>The path exactly as the client sent it, then percent-decoded.</summary>
internal static class RequestTarget
{
    // Kestrel's Request.Path keeps "%2F" encoded and removes dot segments, so an identifier
    // such as "../evil" sent as "..%2Fevil" would not round-trip; the raw target does.
    public static string DecodedPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return context.Request.Path.Value ?? "/";
        }

        var queryStart = raw.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(queryStart < 0 ? raw : raw[..queryStart]);
    }
}
