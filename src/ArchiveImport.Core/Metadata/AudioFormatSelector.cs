namespace ArchiveImport.Core.Metadata;

/// <summary>The one audio format a show's tracks are taken from, and that format's track files in item order.</summary>
internal sealed record AudioTrackFiles(AudioFormat Format, IReadOnlyList<ArchiveFile> Files);

/// <summary>
/// Picks one audio format per item so FLAC originals and their MP3/Ogg derivatives do not each become tracks.
/// </summary>
internal static class AudioFormatSelector
{
    /// <summary>The best-ranked format with at least one track file, or null when the item has no audio tracks.</summary>
    public static AudioTrackFiles? Select(ItemFiles files)
    {
        var byFormat = new Dictionary<string, (AudioFormat Format, List<ArchiveFile> Files)>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.All)
        {
            if (AudioFormat.Find(file.Format) is not { } format || !IsTrackFile(file, format, files.DerivativesOf(file)))
            {
                continue;
            }

            if (!byFormat.TryGetValue(format.Name, out var group))
            {
                group = (format, []);
                byFormat.Add(format.Name, group);
            }

            group.Files.Add(file);
        }

        if (byFormat.Count == 0)
        {
            return null;
        }

        var best = byFormat.Values.MinBy(group => group.Format.Rank);
        return new AudioTrackFiles(best.Format, best.Files);
    }

    /// <summary>
    /// A file is a track when its extension fits its format (archive.org tags a booklet <c>.bmp</c> as Shorten and
    /// <c>.jwl</c> files as MP3) and it identifies itself as one by a title, a track field or a track-like name.
    /// </summary>
    /// <remarks>
    /// Title and track may also come from the file's derivatives (some originals carry none), but never from the
    /// file it derives from: <c>center_vbr.mp3</c> would otherwise inherit the title of the mis-tagged <c>center.bmp</c>.
    /// </remarks>
    private static bool IsTrackFile(ArchiveFile file, AudioFormat format, IReadOnlyList<ArchiveFile> derivatives) =>
        format.FitsExtension(file.Name)
        && (NamesItselfATrack(file)
            || TrackFileName.Parse(file.Name) is not null
            || derivatives.Any(NamesItselfATrack));

    private static bool NamesItselfATrack(ArchiveFile file) => file.Title is not null || file.Track is not null;
}
