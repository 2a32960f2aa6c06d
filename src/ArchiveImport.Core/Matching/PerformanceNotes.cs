using System.Collections.Frozen;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Words tapers add after a song's name that describe the performance or the tape, not the song:
/// "Sugaree reprise", "Morning Dew aborted", "Stella Blue set break", "Viola Lee Blues verses 1 and 2 jam tape cuts".
/// </summary>
internal static class PerformanceNotes
{
    // Stripped from the end of a title, one after another, until the rest is a song's key.
    private static readonly FrozenSet<string> TrailingWords = new[]
    {
        "jam", "jams", "reprise", "tease", "teases", "aborted", "abort", "partial", "incomplete", "cut", "cuts", "fragment",
        "fade", "fades", "fadeout", "mono", "stereo", "instrumental", "flip", "filler", "unfinished", "breakdown",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Two-word notes whose words alone could be part of a name ("Set Me Free", "Tape Recorder").
    private static readonly FrozenSet<string> TrailingPairs = new[]
    {
        "set break", "tape flip", "reel flip", "false start", "encore break", "tape cut", "tape cuts", "sound check",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Any of these after a song's whole name marks the rest as a free-text note ("… w/ Branford on sax", "… verses 1 and 2").
    private static readonly FrozenSet<string> NoteMarkers = TrailingWords.Concat(
    [
        "w", "verse", "verses", "tape", "reel", "splice", "spliced", "edit", "edited", "version", "take", "segment",
        "missing", "glitch", "glitches", "dropout", "dropouts", "soundcheck", "rehearsal", "acoustic", "electric",
    ]).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Trailing = TrailingWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Pairs = TrailingPairs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Markers = NoteMarkers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"sugaree reprise" → "sugaree", "stella blue set break" → "stella blue"; at least one word is always kept.</summary>
    public static ReadOnlySpan<char> StripTrailing(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var lastSpace = text.LastIndexOf(' ');
            if (lastSpace <= 0)
            {
                return text;
            }

            var previousSpace = text[..lastSpace].LastIndexOf(' ');
            if (previousSpace > 0 && Pairs.Contains(text[(previousSpace + 1)..]))
            {
                text = text[..previousSpace];
            }
            else if (Trailing.Contains(text[(lastSpace + 1)..]))
            {
                text = text[..lastSpace];
            }
            else
            {
                return text;
            }
        }
    }

    /// <summary>True when some word of <paramref name="tail"/> says it is a note about the performance or the tape.</summary>
    public static bool MarksNote(ReadOnlySpan<char> tail)
    {
        foreach (var range in tail.Split(' '))
        {
            if (Markers.Contains(tail[range]))
            {
                return true;
            }
        }

        return false;
    }
}
