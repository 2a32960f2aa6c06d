namespace ArchiveImport.Testing;

/// <summary>Injected faults waiting for matching requests, consumed in the order they were injected.</summary>
internal sealed class FaultQueue
{
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];

    public void Add(string pathPrefix, Fault fault, int times)
    {
        lock (gate)
        {
            pending.Add(new Pending(pathPrefix, fault, times));
        }
    }

    /// <summary>Takes one use of the oldest fault whose prefix matches <paramref name="path"/>.</summary>
    public Fault? TakeFor(string path)
    {
        lock (gate)
        {
            var index = pending.FindIndex(p => path.StartsWith(p.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var match = pending[index];
            match.Remaining--;
            if (match.Remaining == 0)
            {
                pending.RemoveAt(index);
            }

            return match.Fault;
        }
    }

    private sealed class Pending(string pathPrefix, Fault fault, int remaining)
    {
        public string PathPrefix { get; } = pathPrefix;

        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
