namespace ArchiveImport.Testing;

/// <summary>
/// A seeded share of misbehaving answers: of the requests whose path starts with <paramref name="PathPrefix"/>, about
/// <paramref name="Rate"/> get one of 429 with Retry-After, 503, a reset connection, a hang (until the client gives up)
/// or a truncated body, in equal parts. Whether a request is hit depends only on the seed, its path and how many requests
/// that path had before it, so a seed replays the same faults whatever order parallel requests arrive in.
/// </summary>
/// <param name="Rate">The share of requests hit, from 0 to 1.</param>
/// <param name="Seed">Chooses which requests are hit and how.</param>
/// <param name="RetryAfter">The Retry-After sent with every 429.</param>
/// <param name="PathPrefix">The requests the mix applies to; by default every metadata request.</param>
public sealed record FaultMix(double Rate, int Seed, TimeSpan RetryAfter, string PathPrefix = "/metadata/")
{
    /// <summary>The fault for the <paramref name="attempt"/>th request (0-based) to <paramref name="path"/>, or null for a normal answer.</summary>
    public Fault? For(string path, int attempt)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var random = new Random(StableHash(path, attempt));
        if (random.NextDouble() >= Rate)
        {
            return null;
        }

        return random.Next(5) switch
        {
            0 => new Fault.Status(429, RetryAfter),
            1 => new Fault.Status(503),
            2 => new Fault.Reset(),
            3 => new Fault.Hang(),
            _ => new Fault.Truncated(),
        };
    }

    // string.GetHashCode differs between processes; FNV-1a keeps a seed's faults the same in every run.
    private int StableHash(string path, int attempt)
    {
        var hash = 2166136261u ^ (uint)Seed;
        foreach (var c in path)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)attempt) * 16777619u;
        return (int)(hash & int.MaxValue);
    }
}
