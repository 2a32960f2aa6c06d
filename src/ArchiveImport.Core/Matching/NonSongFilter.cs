using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Recognises tracks that are not songs (tuning, crowd, banter, breaks) from a built-in list plus
/// the artist's own <c>ignore</c> entries. Anything that is one of the artist's songs is never
/// treated as noise: "Drums" and "Space" are Grateful Dead songs.
/// </summary>
internal sealed class NonSongFilter
{
    private static readonly ImmutableArray<string> BuiltInPhrases =
    [
        "tuning", "tunings", "tune up", "crowd", "crowd noise", "audience", "banter", "stage banter",
        "talk", "stage talk", "chatter", "intro", "introduction", "band introductions", "applause",
        "soundcheck", "sound check", "encore break", "set break", "dead air", "silence", "noise",
        "announcements", "stage announcements", "encore", "break", "outro", "interview", "rap",
        "thanks", "tape flip", "false start", "closing remarks", "discussion", "discussions",
    ];

    // A title made only of these words is noise, e.g. "crowd/tuning and thanks", "talk & tunings".
    private static readonly ImmutableArray<string> NoiseWords =
    [
        "tuning", "tunings", "tune", "crowd", "audience", "noise", "banter", "stage", "talk", "chatter",
        "intro", "introduction", "introductions", "applause", "cheering", "soundcheck", "encore", "break",
        "dead", "air", "silence", "announcement", "announcements", "thanks", "remarks", "discussion",
        "discussions", "outro",
    ];

    // Words that may join noise words without making the title a song.
    private static readonly ImmutableArray<string> ConnectorWords = ["and", "with", "the", "a", "of", "some", "up", "more", "set"];

    // A title ending in one of these is about speech or tuning, e.g. "Bill Graham Intro", "Phil Tunings".
    private static readonly ImmutableArray<string> SpeechEndings =
    [
        "intro", "introduction", "introductions", "tuning", "tunings", "banter", "rap", "talk", "chatter",
        "interview", "announcement", "announcements", "remarks", "soundcheck",
    ];

    private readonly FrozenSet<string> phrases;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> noiseWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> connectorWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> speechEndings;

    public NonSongFilter(IEnumerable<string> artistIgnore, Func<string, bool> isSongKey)
    {
        phrases = BuiltInPhrases.Concat(artistIgnore)
            .Select(TitleNormalizer.Normalize)
            .Where(phrase => phrase.Length > 0 && !isSongKey(phrase))
            .ToFrozenSet(StringComparer.Ordinal);
        noiseWords = WordSet(NoiseWords, isSongKey);
        connectorWords = WordSet(ConnectorWords, _ => false);
        speechEndings = WordSet(SpeechEndings, isSongKey);
    }

    /// <summary>True for a listed non-song phrase, or a title made only of noise words.</summary>
    public bool IsNonSong(string normalized) => phrases.Contains(normalized) || IsOnlyNoiseWords(normalized);

    /// <summary>
    /// Weaker evidence, to use only when no song is even close: the title ends in a speech word
    /// ("Jerry Garcia intro") or is quoted speech (<c>"We call him Burle..."</c>).
    /// </summary>
    public bool LooksSpoken(string rawText, string normalized)
    {
        var lastSpace = normalized.LastIndexOf(' ');
        return (lastSpace > 0 && speechEndings.Contains(normalized.AsSpan(lastSpace + 1))) || IsQuotedSpeech(rawText);
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WordSet(
        IEnumerable<string> words, Func<string, bool> isSongKey) =>
        words.Where(word => !isSongKey(word)).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private bool IsOnlyNoiseWords(string normalized)
    {
        var sawNoise = false;
        foreach (var range in normalized.AsSpan().Split(' '))
        {
            var word = normalized.AsSpan(range);
            if (noiseWords.Contains(word))
            {
                sawNoise = true;
            }
            else if (!connectorWords.Contains(word))
            {
                return false;
            }
        }

        return sawNoise;
    }

    private static bool IsQuotedSpeech(string rawText)
    {
        var text = rawText.AsSpan().Trim(" \t*#$@^%+[]()");
        return !text.IsEmpty
            && (CharFolding.IsDoubleQuote(text[0])
                || CharFolding.IsDoubleQuote(text[^1])
                || text.EndsWith("..", StringComparison.Ordinal)
                || text[^1] == '\u2026');
    }
}
