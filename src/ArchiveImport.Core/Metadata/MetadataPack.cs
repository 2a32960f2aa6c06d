using System.IO.Compression;
using ArchiveImport.Core.ArchiveOrg;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// An artist's zip of older metadata files (archive.zip in the artist's folder): one entry per show, named
/// &lt;identifier&gt;.json at the top level. Any other name (a folder, "..", a device name) is no show's and is never
/// read or carried over, so no entry can reach outside the folder.
/// </summary>
public static class MetadataPack
{
    public const string FileName = "archive.zip";

    public static string EntryName(string identifier) => identifier + ".json";

    /// <summary>The show an entry holds, or null for a name that is not &lt;identifier&gt;.json.</summary>
    public static string? IdentifierOf(string entryName)
    {
        if (!entryName.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        var identifier = entryName[..^".json".Length];
        return ArchiveIdentifier.IsValid(identifier) && !MetadataStore.IsWindowsDeviceName(identifier) ? identifier : null;
    }

    public static byte[]? Read(string zipPath, string identifier)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        if (zip.GetEntry(EntryName(identifier)) is not { } entry)
        {
            return null;
        }

        using var stream = entry.Open();
        using var body = new MemoryStream();
        stream.CopyTo(body);
        return body.ToArray();
    }
}
