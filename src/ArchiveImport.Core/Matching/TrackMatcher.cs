using ArchiveImport.Core.Catalog;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Matches raw archive.org track titles to an artist's canonical songs. Precision comes first:
/// only exact normalised names and curated aliases (and deterministic spelling variants of them)
/// match automatically; a close misspelling is offered as a suggestion, never applied.
/// All lookup structures are built once here; a matcher is immutable and safe to share between threads.
/// </summary>
public sealed class TrackMatcher
{
    /// <summary>
    /// Changes whenever the matching rules change, so that populate re-matches shows matched by older rules.
    /// </summary>
    public const string AlgorithmVersion = "exact-alias-1";

    private const int MaxStackBuffer = 512;

    private readonly SongIndex names;
    private readonly SongIndex aliases;
    private readonly NonSongFilter nonSongs;
    private readonly SongSuggester suggester;

    public TrackMatcher(ArtistConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var songs = config.Songs.Select(song => (Definition: song, Ref: new SongRef(song.Key, song.Name))).ToList();
        names = SongIndex.Build(songs.SelectMany(song => SongKeys.For(song.Ref, song.Definition.Name)));
        aliases = SongIndex.Build(songs.SelectMany(song => song.Definition.Aliases.SelectMany(alias => SongKeys.For(song.Ref, alias))));
        nonSongs = new NonSongFilter(config.Ignore, key => names.Contains(key) || aliases.Contains(key));
        suggester = new SongSuggester(names.UnambiguousKeys.Concat(aliases.UnambiguousKeys));
    }

    /// <summary>Matches every segment of a title; a null or blank title gives no segments.</summary>
    public TitleMatch Match(string? rawTitle)
    {
        if (string.IsNullOrWhiteSpace(rawTitle))
        {
            return new TitleMatch(rawTitle ?? string.Empty, [], SeguesIntoNext: false);
        }

        var parts = TitleNormalizer.SplitSegments(rawTitle, out var seguesIntoNext);
        var segments = new SegmentMatch[parts.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = MatchSegment(parts[i]);
        }

        return new TitleMatch(rawTitle, segments, seguesIntoNext);
    }

    private SegmentMatch MatchSegment(string rawText)
    {
        var normalized = TitleNormalizer.Normalize(rawText);
        if (normalized.Length == 0)
        {
            // Nothing but a file stem or track number ("D1T12"): a track to look at, not noise.
            return new SegmentMatch(rawText, normalized, MatchMethod.Unmatched, null, null);
        }

        // A bracketed part can belong to the name ("It's All Over Now (Baby Blue)"), so try it kept first.
        if (rawText.AsSpan().IndexOfAny('(', '[') >= 0)
        {
            var withNotes = TitleNormalizer.Normalize(rawText, NormalizeOptions.StripPositionalMarkers);
            if (withNotes != normalized && TryResolve(withNotes, out var method, out var song))
            {
                return new SegmentMatch(rawText, withNotes, method, song, null);
            }
        }

        if (TryResolve(normalized, out var exactMethod, out var exactSong)
            || TryResolveVariants(normalized, out exactMethod, out exactSong))
        {
            return new SegmentMatch(rawText, normalized, exactMethod, exactSong, null);
        }

        // A phonetic match belongs here: after every spelling-based match, before the non-song rules.
        if (nonSongs.IsNonSong(normalized))
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Ignored, null, null);
        }

        var suggestion = suggester.Suggest(normalized);
        if (suggestion is null && nonSongs.LooksSpoken(rawText, normalized))
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Ignored, null, null);
        }

        return new SegmentMatch(rawText, normalized, MatchMethod.Unmatched, null, suggestion);
    }

    private bool TryResolve(ReadOnlySpan<char> key, out MatchMethod method, out SongRef? song)
    {
        if (names.TryFind(key, out song))
        {
            method = song is null ? MatchMethod.Ambiguous : MatchMethod.Exact;
            return true;
        }

        if (aliases.TryFind(key, out song))
        {
            method = song is null ? MatchMethod.Ambiguous : MatchMethod.Alias;
            return true;
        }

        method = MatchMethod.Unmatched;
        return false;
    }

    /// <summary>
    /// Deterministic rewrites of an unmatched title, accepted only when they hit a key exactly:
    /// a dropped g without its apostrophe ("Lovin"), a trailing "jam" or "reprise", a trailing number.
    /// </summary>
    private bool TryResolveVariants(string normalized, out MatchMethod method, out SongRef? song)
    {
        var capacity = (normalized.Length * 2) + 1;
        var buffer = capacity <= MaxStackBuffer ? stackalloc char[MaxStackBuffer] : new char[capacity];
        var restored = TitleVariants.RestoreDroppedG(normalized, buffer);
        var gRestored = restored.Length != normalized.Length;
        if (gRestored && TryResolve(restored, out method, out song))
        {
            return true;
        }

        if (TryResolveShortened(normalized, out method, out song))
        {
            return true;
        }

        return gRestored && TryResolveShortened(restored, out method, out song);
    }

    private bool TryResolveShortened(ReadOnlySpan<char> text, out MatchMethod method, out SongRef? song)
    {
        var withoutQualifier = TitleVariants.WithoutTrailingQualifier(text);
        if (withoutQualifier.Length < text.Length && TryResolve(withoutQualifier, out method, out song))
        {
            return true;
        }

        var withoutNumber = TitleVariants.WithoutTrailingNumber(text);
        if (withoutNumber.Length < text.Length && TryResolve(withoutNumber, out method, out song))
        {
            return true;
        }

        method = MatchMethod.Unmatched;
        song = null;
        return false;
    }
}
