namespace ArchiveImport.Core.Metadata;

/// <summary>An item's file list, indexed to find the originals and derivatives of a file.</summary>
internal sealed class ItemFiles
{
    private readonly Dictionary<string, ArchiveFile> byName;
    private readonly Dictionary<string, List<ArchiveFile>> derivativesByOriginal;

    public ItemFiles(IReadOnlyList<ArchiveFile> files)
    {
        All = files;
        byName = new Dictionary<string, ArchiveFile>(files.Count, StringComparer.Ordinal);
        derivativesByOriginal = new Dictionary<string, List<ArchiveFile>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            byName.TryAdd(file.Name, file);
            if (file.Original is { } original)
            {
                if (!derivativesByOriginal.TryGetValue(original, out var derivatives))
                {
                    derivatives = [];
                    derivativesByOriginal.Add(original, derivatives);
                }

                derivatives.Add(file);
            }
        }
    }

    public IReadOnlyList<ArchiveFile> All { get; }

    /// <summary>The files made from this one (MP3, Ogg, spectrogram… of an original).</summary>
    public IReadOnlyList<ArchiveFile> DerivativesOf(ArchiveFile file) =>
        derivativesByOriginal.TryGetValue(file.Name, out var derivatives) ? derivatives : [];

    /// <summary>
    /// The files made from this one, the file it was made from, and that file's other derivatives:
    /// together they describe the same recording, and each format carries different fields.
    /// </summary>
    public List<ArchiveFile> SiblingsOf(ArchiveFile file)
    {
        var siblings = new List<ArchiveFile>();
        AddDerivatives(file.Name, except: file, siblings);
        if (file.Original is { } originalName && byName.TryGetValue(originalName, out var original) && !ReferenceEquals(original, file))
        {
            siblings.Add(original);
            AddDerivatives(originalName, except: file, siblings);
        }

        return siblings;
    }

    private void AddDerivatives(string originalName, ArchiveFile except, List<ArchiveFile> siblings)
    {
        if (derivativesByOriginal.TryGetValue(originalName, out var derivatives))
        {
            foreach (var derivative in derivatives)
            {
                if (!ReferenceEquals(derivative, except))
                {
                    siblings.Add(derivative);
                }
            }
        }
    }
}
