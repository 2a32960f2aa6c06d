namespace ArchiveImport.Core.Metadata;

/// <summary>Turns the chosen track files into ordered <see cref="Track"/>s, filling gaps from sibling files.</summary>
internal static class TrackListBuilder
{
    public static IReadOnlyList<Track> Build(AudioTrackFiles trackFiles, ItemFiles itemFiles)
    {
        var drafts = new List<TrackDraft>(trackFiles.Files.Count);
        foreach (var file in trackFiles.Files)
        {
            drafts.Add(Draft(file, itemFiles.SiblingsOf(file)));
        }

        var tracks = new Track[drafts.Count];
        var position = 0;
        foreach (var draft in InPlayingOrder(drafts))
        {
            tracks[position] = new Track(
                position + 1,
                draft.NamePosition?.Disc,
                draft.TrackNumber,
                draft.Title,
                draft.DurationSeconds,
                draft.File.Name);
            position++;
        }

        return tracks;
    }

    private static TrackDraft Draft(ArchiveFile file, List<ArchiveFile> siblings)
    {
        // Among derivatives the VBR MP3 carries title and track; Ogg, PNG and spectrograms do not.
        var informants = siblings.OrderBy(sibling => IsFormat(sibling, static format => format.IsVbrMp3) ? 0 : 1).ToList();
        var title = file.Title ?? informants.Find(sibling => sibling.Title is not null)?.Title;
        var trackNumber = TrackNumberParser.Parse(file.Track) ?? FirstTrackNumber(informants);

        return new TrackDraft(file, title, trackNumber, Duration(file, siblings), TrackFileName.Parse(file.Name));
    }

    /// <summary>
    /// Prefers a lossy derivative's length: the Shorten originals' own lengths are wrong (about half, or "0").
    /// Ogg goes first because it gives decimal seconds where VBR MP3 gives whole "mm:ss".
    /// </summary>
    private static double? Duration(ArchiveFile file, List<ArchiveFile> siblings)
    {
        var fromDerivative =
            FirstDuration(siblings, static format => format.IsOggVorbis)
            ?? FirstDuration(siblings, static format => format.IsVbrMp3)
            ?? FirstDuration(siblings, static format => format.IsMp3);
        return fromDerivative ?? DurationParser.ParseSeconds(file.Length);

        static double? FirstDuration(List<ArchiveFile> candidates, Func<AudioFormat, bool> formatMatches)
        {
            foreach (var candidate in candidates)
            {
                if (IsFormat(candidate, formatMatches) && DurationParser.ParseSeconds(candidate.Length) is { } seconds)
                {
                    return seconds;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// By the <c>track</c> field when every file has a distinct one; else by the disc/set and track in the file
    /// names; else by file name with numbers compared by value.
    /// </summary>
    private static IEnumerable<TrackDraft> InPlayingOrder(List<TrackDraft> drafts)
    {
        if (drafts.TrueForAll(draft => draft.TrackNumber is not null)
            && drafts.Select(draft => draft.TrackNumber).Distinct().Count() == drafts.Count)
        {
            return drafts.OrderBy(draft => draft.TrackNumber);
        }

        if (drafts.TrueForAll(draft => draft.NamePosition is not null)
            && drafts.Select(draft => (draft.NamePosition!.Value.Group, draft.NamePosition.Value.Track)).Distinct().Count() == drafts.Count)
        {
            return drafts
                .OrderBy(draft => draft.NamePosition!.Value.Group)
                .ThenBy(draft => draft.NamePosition!.Value.Track);
        }

        return drafts.OrderBy(draft => draft.File.Name, NaturalStringComparer.Instance);
    }

    private static int? FirstTrackNumber(List<ArchiveFile> files)
    {
        foreach (var file in files)
        {
            if (TrackNumberParser.Parse(file.Track) is { } number)
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>Whether the file is real audio (its extension fits its format) of a format that matches.</summary>
    private static bool IsFormat(ArchiveFile file, Func<AudioFormat, bool> formatMatches) =>
        AudioFormat.Find(file.Format) is { } format && format.FitsExtension(file.Name) && formatMatches(format);

    private sealed record TrackDraft(
        ArchiveFile File,
        string? Title,
        int? TrackNumber,
        double? DurationSeconds,
        TrackFileName? NamePosition);
}
