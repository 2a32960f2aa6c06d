namespace ArchiveImport.Core.Matching;

/// <summary>A 64-bit FNV-1a hash of a key's UTF-16 code units: stable, and at catalogue sizes two keys that differ never meet.</summary>
internal static class KeyHash
{
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
