using System.Text.RegularExpressions;

namespace ArchiveImport.Testing;

/// <summary>
/// Finds the <c>collection:</c> clause in a search query. The fake answers collection listings
/// only, so every other clause (<c>AND mediatype:etree</c>, ...) is ignored.
/// </summary>
internal static partial class CollectionClause
{
    public static bool TryParse(string? query, out string collection)
    {
        var match = query is null ? Match.Empty : Pattern().Match(query);
        collection = match.Success ? match.Groups["name"].Value.Trim().Trim('"') : "";
        return collection.Length > 0;
    }

    // collection:X, collection:(X), collection:"X" and collection:("X").
    [GeneratedRegex("""(?<![\w.])collection:(?:"(?<name>[^"]*)"|\((?<name>[^)]*)\)|(?<name>[^\s()"]+))""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
