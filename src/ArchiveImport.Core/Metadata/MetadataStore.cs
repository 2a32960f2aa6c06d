using ArchiveImport.Core.ArchiveOrg;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// The folder of downloaded metadata: one file per show at {root}/{Artist}/{identifier}.json, each written whole
/// (temporary file, flush to disk, rename) so a crash leaves the old file or the new one, never half of one.
/// </summary>
public sealed class MetadataStore
{
    public MetadataStore(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string ArtistDirectory(string artist) => Contained(Path.Combine(Root, SafeFolderName(artist)));

    public string PathFor(string artist, string identifier)
    {
        ArchiveIdentifier.Validate(identifier);
        if (IsWindowsDeviceName(identifier))
        {
            // Windows would write "CON.json" to the console and "NUL.json" nowhere; refused on every system alike.
            throw new ArgumentException(
                $"'{identifier}' cannot be a metadata file name: Windows reserves {WindowsDevices} (with any extension) for devices.");
        }

        return Contained(Path.Combine(ArtistDirectory(artist), identifier + ".json"));
    }

    /// <summary>The zip that Compress-ArchiveMetadata packs an artist's older files into: {root}/{Artist}/archive.zip.</summary>
    public string PackPathFor(string artist) => Contained(Path.Combine(ArtistDirectory(artist), MetadataPack.FileName));

    /// <summary>The show's body from its artist's zip, or null when the zip does not hold it (or there is none).</summary>
    public byte[]? ReadPacked(string artist, string identifier)
    {
        var pack = PackPathFor(artist);
        return File.Exists(pack) ? MetadataPack.Read(pack, identifier) : null;
    }

    public void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        path = Contained(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, content);
    }

    /// <summary>Removes temporary files a killed run left behind; call while holding the artist's download lock.</summary>
    public int RemoveLeftovers(string artist)
    {
        var directory = ArtistDirectory(artist);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + AtomicFile.TemporarySuffix))
        {
            removed += AtomicFile.TryDelete(file) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>
    /// An artist's name as one folder name: separators, NUL and other control characters become '_', a name Windows
    /// reserves for a device ("Nul", "CON.x") gets a '_' after that name on every system, and names that would mean "here" or
    /// "up" are refused.
    /// </summary>
    public static string SafeFolderName(string artist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artist);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(artist.Trim().Select(c => c is '/' or '\\' or ':' || char.IsControl(c) || invalid.Contains(c) ? '_' : c).ToArray());
        if (safe.Trim('.').Length == 0)
        {
            throw new ArgumentException($"'{ArchiveIdentifier.Printable(artist)}' cannot be used as an artist folder name.");
        }

        if (IsWindowsDeviceName(safe))
        {
            var dot = safe.IndexOf('.', StringComparison.Ordinal);
            safe = safe.Insert(dot < 0 ? safe.Length : dot, "_"); // "Nul" -> "Nul_", "Aux.Band" -> "Aux_.Band"
        }

        return safe;
    }

    private const string WindowsDevices = "CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9";

    /// <summary>CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and their superscript-digit forms), in any case, before the first '.'.</summary>
    internal static bool IsWindowsDeviceName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = (dot < 0 ? name : name[..dot]).TrimEnd(' ');
        return stem.Length switch
        {
            3 => stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase),
            4 => (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
                && (char.IsAsciiDigit(stem[3]) || stem[3] is '\u00b9' or '\u00b2' or '\u00b3'),
            _ => false,
        };
    }

    private string Contained(string path)
    {
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refusing to use '{ArchiveIdentifier.Printable(path)}': it is outside the metadata folder {Root}.");
        }

        return full;
    }
}
