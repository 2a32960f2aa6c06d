namespace ArchiveImport.Core.ArchiveOrg;

/// <summary>The archive.org addresses a listener opens: an item's page and a file's download (stream) path.</summary>
public sealed class ArchiveLinks
{
    private readonly string baseUrl;

    /// <param name="archiveUrl">The configured archive.org address (archiveUrl), possibly with a path of its own.</param>
    public ArchiveLinks(Uri archiveUrl) => baseUrl = archiveUrl.AbsoluteUri.TrimEnd('/');

    /// <summary><c>{archiveUrl}/details/{identifier}</c>.</summary>
    public string Details(string identifier) => $"{baseUrl}/details/{Uri.EscapeDataString(identifier)}";

    /// <summary>
    /// <c>{archiveUrl}/download/{identifier}/{file name}</c>, each path segment of the file name escaped on its own:
    /// its folders stay folders, while a space, '#', '?', '%' or any non-ASCII letter is percent-encoded as UTF-8.
    /// </summary>
    public string Download(string identifier, string fileName) =>
        $"{baseUrl}/download/{Uri.EscapeDataString(identifier)}/{string.Join('/', fileName.Split('/').Select(Uri.EscapeDataString))}";
}
