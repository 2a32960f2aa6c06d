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
    public const string AlgorithmVersion = "exact-alias-phonetic-2";

    /// <summary>How many suggestions an unmatched title gets at most.</summary>
    public const int SuggestionLimit = 3;

    private const int MaxStackBuffer = 512;

    private readonly SongIndex names;
    private readonly SongIndex aliases;
    private readonly NonSongFilter nonSongs;
    private readonly DeleteIndex spellings;
    private readonly PhoneticIndex sounds;

    public TrackMatcher(ArtistConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var songs = config.Songs.Select(song => (Definition: song, Ref: new SongRef(song.Key, song.Name))).ToList();
        names = SongIndex.Build(songs.SelectMany(song => SongKeys.For(song.Ref, song.Definition.Name)));
        aliases = SongIndex.Build(songs.SelectMany(song => song.Definition.Aliases.SelectMany(alias => SongKeys.For(song.Ref, alias))));
        nonSongs = new NonSongFilter(config.Ignore, key => names.Contains(key) || aliases.Contains(key));
        var unambiguous = names.UnambiguousKeys.Concat(aliases.UnambiguousKeys).ToList();
        spellings = new DeleteIndex(unambiguous);
        sounds = new PhoneticIndex(unambiguous);
    }

    /// <summary>Approximate bytes held by the suggestion and phonetic indexes (the exact-key dictionaries come on top).</summary>
    internal long ApproximateIndexBytes => spellings.ApproximateBytes + sounds.ApproximateBytes;

    internal SongIndex Names => names;

    internal SongIndex Aliases => aliases;

    internal PhoneticIndex Sounds => sounds;

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
            return new SegmentMatch(rawText, normalized, MatchMethod.Unmatched, null, []);
        }

        // A bracketed part can belong to the name ("It's All Over Now (Baby Blue)"), so try it kept first.
        if (rawText.AsSpan().IndexOfAny('(', '[') >= 0)
        {
            var withNotes = TitleNormalizer.Normalize(rawText, NormalizeOptions.StripPositionalMarkers);
            if (withNotes != normalized && TryResolve(withNotes, out var method, out var song))
            {
                return new SegmentMatch(rawText, withNotes, method, song, []);
            }
        }

        if (TryResolve(normalized, out var exactMethod, out var exactSong)
            || TryResolveVariants(normalized, out exactMethod, out exactSong))
        {
            return new SegmentMatch(rawText, normalized, exactMethod, exactSong, []);
        }

        if (nonSongs.IsNonSong(normalized))
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Ignored, null, []);
        }

        var soundsLike = sounds.Find(normalized);
        if (soundsLike.Count == 1)
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Phonetic, soundsLike[0], []);
        }

        if (soundsLike.Count > 1)
        {
            // "The Flu" sounds like the_flu, the_flue and the_flew: never pick one, show them all.
            return new SegmentMatch(rawText, normalized, MatchMethod.Ambiguous, null,
                soundsLike.Select(song => new SongSuggestion(song, 1.0, SuggestionBasis.Sound, 0)).ToArray());
        }

        var suggestions = Suggest(normalized);
        if (suggestions.Count == 0 && nonSongs.LooksSpoken(rawText, normalized))
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Ignored, null, []);
        }

        return new SegmentMatch(rawText, normalized, MatchMethod.Unmatched, null, suggestions);
    }

    /// <summary>The nearest songs by spelling and by sound, best first, one entry per song.</summary>
    internal IReadOnlyList<SongSuggestion> Suggest(string normalized)
    {
        var bySpelling = spellings.Find(normalized, Math.Clamp(normalized.Length / 5, 1, 2), SuggestionBasis.Spelling, SuggestionLimit);
        var bySound = sounds.Near(normalized, SuggestionLimit);
        if (bySound.Count == 0)
        {
            return bySpelling;
        }

        var merged = new List<SongSuggestion>(bySpelling.Count + bySound.Count);
        foreach (var suggestion in bySpelling.Concat(bySound))
        {
            var same = merged.FindIndex(s => s.Song.Key == suggestion.Song.Key);
            if (same < 0)
            {
                merged.Add(suggestion);
            }
            else if (suggestion.Score > merged[same].Score)
            {
                merged[same] = suggestion;
            }
        }

        merged.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Song.Key, b.Song.Key));
        return merged.Count > SuggestionLimit ? merged.GetRange(0, SuggestionLimit) : merged;
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
