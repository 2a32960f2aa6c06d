namespace ArchiveImport.Testing;

/// <summary>The items and collections the fake knows about; safe to change while requests are served.</summary>
internal sealed class ItemCatalog
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ArchiveItem> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> members = new(StringComparer.Ordinal);

    public void Put(ArchiveItem item, IEnumerable<string> collections)
    {
        lock (gate)
        {
            items[item.Identifier] = item;
            foreach (var collection in collections)
            {
                MembersOf(collection).Add(item.Identifier);
            }
        }
    }

    public void AddToCollection(string collection, IEnumerable<string> identifiers)
    {
        lock (gate)
        {
            MembersOf(collection).UnionWith(identifiers);
        }
    }

    /// <summary>Forgets the item and takes it out of every collection.</summary>
    public void Remove(string identifier)
    {
        lock (gate)
        {
            items.Remove(identifier);
            foreach (var set in members.Values)
            {
                set.Remove(identifier);
            }
        }
    }

    public ArchiveItem? Find(string identifier)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(identifier);
        }
    }

    /// <summary>A snapshot of the collection's identifiers in ordinal order.</summary>
    public IReadOnlyList<string> ListCollection(string collection)
    {
        lock (gate)
        {
            return members.TryGetValue(collection, out var set) ? [.. set] : [];
        }
    }

    private SortedSet<string> MembersOf(string collection)
    {
        if (!members.TryGetValue(collection, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            members[collection] = set;
        }

        return set;
    }
}
