namespace ArchiveImport.Testing;

/// <summary>
/// Every request the fake received. Entries are added on arrival so a test can see a request
/// that is still being answered (or hanging); the status is filled in once it is chosen.
/// </summary>
internal sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];

    public Entry Begin(string method, string path, string query, string? userAgent)
    {
        var entry = new Entry(gate, method, path, query, userAgent, DateTimeOffset.UtcNow);
        lock (gate)
        {
            entries.Add(entry);
        }

        return entry;
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return entries.Select(e => e.ToRecord()).ToArray();
        }
    }

    public int Count(string pathPrefix)
    {
        lock (gate)
        {
            return entries.Count(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
        }
    }

    /// <summary>How many requests each path had, for the paths starting with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyDictionary<string, int> CountByPath(string pathPrefix)
    {
        lock (gate)
        {
            return entries
                .Where(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
                .GroupBy(e => e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    /// <summary>How many requests for exactly <paramref name="path"/> arrived before <paramref name="entry"/>.</summary>
    public int EarlierRequestsFor(string path, Entry entry)
    {
        lock (gate)
        {
            var earlier = 0;
            foreach (var e in entries)
            {
                if (ReferenceEquals(e, entry))
                {
                    break;
                }

                if (e.Path == path)
                {
                    earlier++;
                }
            }

            return earlier;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    internal sealed class Entry(Lock gate, string method, string path, string query, string? userAgent, DateTimeOffset at)
    {
        private int statusCode;

        public string Path { get; } = path;

        public void SetStatus(int code)
        {
            lock (gate)
            {
                statusCode = code;
            }
        }

        // Called with the log's lock held.
        public RecordedRequest ToRecord() => new(method, Path, query, userAgent, at, statusCode);
    }
}
