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
    public const string AlgorithmVersion = "exact-alias-phonetic-3";

    /// <summary>How many suggestions an unmatched title gets at most.</summary>
    public const int SuggestionLimit = 3;

    private const int MaxStackBuffer = 512;

    // A leading-words-dropped title shorter than this ("the end") fits too many songs to match on its own.
    private const int MinimumLeadingRunLength = 8;

    // Ranks a whole-word run of a song's name above spelling suggestions, which are at best a near miss.
    private const double WordRunScore = 1.0;

    private readonly SongIndex names;
    private readonly SongIndex aliases;
    private readonly HashedSongIndex joinedNames;
    private readonly HashedSongIndex joinedAliases;
    private readonly HashedSongIndex singularNames;
    private readonly HashedSongIndex singularAliases;
    private readonly WordRunIndex wordRuns;
    private readonly NonSongFilter nonSongs;
    private readonly DeleteIndex spellings;
    private readonly PhoneticIndex sounds;

    public TrackMatcher(ArtistConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var songs = config.Songs.Select(song => (Definition: song, Ref: new SongRef(song.Key, song.Name))).ToList();
        var nameKeys = songs.SelectMany(song => SongKeys.For(song.Ref, song.Definition.Name)).ToList();
        var aliasKeys = songs.SelectMany(song => song.Definition.Aliases.SelectMany(alias => SongKeys.For(song.Ref, alias))).ToList();
        names = SongIndex.Build(nameKeys);
        aliases = SongIndex.Build(aliasKeys);
        joinedNames = new HashedSongIndex(nameKeys.Select(key => key with { Key = JoinedKey.Of(key.Key, withoutPlurals: false) }));
        joinedAliases = new HashedSongIndex(aliasKeys.Select(key => key with { Key = JoinedKey.Of(key.Key, withoutPlurals: false) }));
        singularNames = new HashedSongIndex(Singular(nameKeys));
        singularAliases = new HashedSongIndex(Singular(aliasKeys));
        wordRuns = new WordRunIndex(songs.Select(song => (song.Ref, TitleNormalizer.Normalize(song.Definition.Name))));
        nonSongs = new NonSongFilter(config.Ignore, key => names.Contains(key) || aliases.Contains(key));
        var unambiguous = names.UnambiguousKeys.Concat(aliases.UnambiguousKeys).ToList();
        spellings = new DeleteIndex(unambiguous);
        sounds = new PhoneticIndex(unambiguous);
    }

    // Only the keys a plural changes: the others are in the joined indexes already, which a singular lookup also tries.
    private static IEnumerable<IndexedKey> Singular(IEnumerable<IndexedKey> keys) =>
        keys.Select(key => (Key: key, Singular: JoinedKey.Of(key.Key, withoutPlurals: true)))
            .Where(pair => pair.Singular != JoinedKey.Of(pair.Key.Key, withoutPlurals: false))
            .Select(pair => pair.Key with { Key = pair.Singular });

    /// <summary>Approximate bytes held by the suggestion and phonetic indexes (the exact-key dictionaries come on top).</summary>
    internal long ApproximateIndexBytes => spellings.ApproximateBytes + sounds.ApproximateBytes + wordRuns.ApproximateBytes
        + joinedNames.ApproximateBytes + joinedAliases.ApproximateBytes + singularNames.ApproximateBytes + singularAliases.ApproximateBytes;

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
            || TryResolveVariants(normalized, out exactMethod, out exactSong)
            || TryResolveBeforeNote(rawText, out exactMethod, out exactSong))
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
        if (wordRuns.Find(normalized) is { } run)
        {
            if (IsConfidentLeadingWordsDropped(normalized, run, suggestions))
            {
                return new SegmentMatch(rawText, normalized, MatchMethod.Partial, run.Song, []);
            }

            suggestions = WithFirst(new SongSuggestion(run.Song, WordRunScore, SuggestionBasis.Words, run.DroppedWords), suggestions);
        }

        if (suggestions.Count == 0 && nonSongs.LooksSpoken(rawText, normalized))
        {
            return new SegmentMatch(rawText, normalized, MatchMethod.Ignored, null, []);
        }

        return new SegmentMatch(rawText, normalized, MatchMethod.Unmatched, null, suggestions);
    }

    /// <summary>
    /// A title that is a song's name without its first words matches only on all the evidence: it is a whole-word run of
    /// exactly one song's name (the index keeps no shared run), long enough to say something (two words, eight
    /// characters), not itself noise, and no other song is spelled nearly like it.
    /// </summary>
    private static bool IsConfidentLeadingWordsDropped(string normalized, WordRun run, IReadOnlyList<SongSuggestion> suggestions) =>
        run.Kind == WordRunKind.LeadingWordsDropped
        && normalized.Length >= MinimumLeadingRunLength
        && suggestions.All(suggestion => suggestion.Song.Key == run.Song.Key || suggestion.Distance > 1);

    private static IReadOnlyList<SongSuggestion> WithFirst(SongSuggestion first, IReadOnlyList<SongSuggestion> rest)
    {
        var merged = new List<SongSuggestion>(SuggestionLimit) { first };
        merged.AddRange(rest.Where(suggestion => suggestion.Song.Key != first.Song.Key).Take(SuggestionLimit - 1));
        return merged;
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
    /// Deterministic rewrites of an unmatched title, accepted only when they hit a key exactly: a dropped g without its
    /// apostrophe ("Lovin"), trailing performance notes ("reprise", "set break"), a trailing number, and the title with
    /// its word breaks and plurals folded away (compounds and tape-flip punctuation: "Stellablue", "Sug..aree").
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

        return TryResolveShortened(normalized, out method, out song)
            || (gRestored && TryResolveShortened(restored, out method, out song))
            || TryResolveBeforeNoteWords(normalized, out method, out song);
    }

    private bool TryResolveShortened(ReadOnlySpan<char> text, out MatchMethod method, out SongRef? song)
    {
        var withoutNotes = PerformanceNotes.StripTrailing(text);
        if (withoutNotes.Length < text.Length && TryResolve(withoutNotes, out method, out song))
        {
            return true;
        }

        var withoutNumber = TitleVariants.WithoutTrailingNumber(withoutNotes);
        if (withoutNumber.Length < withoutNotes.Length && TryResolve(withoutNumber, out method, out song))
        {
            return true;
        }

        return TryResolveJoined(text, out method, out song)
            || (withoutNotes.Length < text.Length && TryResolveJoined(withoutNotes, out method, out song));
    }

    private bool TryResolveJoined(ReadOnlySpan<char> text, out MatchMethod method, out SongRef? song)
    {
        var buffer = text.Length <= MaxStackBuffer ? stackalloc char[MaxStackBuffer] : new char[text.Length];
        var joined = buffer[..JoinedKey.Write(text, buffer, withoutPlurals: false)];
        if (TryFindJoined(joined, joinedNames, joinedAliases, out method, out song))
        {
            return true;
        }

        var singular = buffer[..JoinedKey.Write(text, buffer, withoutPlurals: true)];
        return TryFindJoined(singular, singularNames, singularAliases, out method, out song)
            || TryFindJoined(singular, joinedNames, joinedAliases, out method, out song);
    }

    private static bool TryFindJoined(ReadOnlySpan<char> key, HashedSongIndex byName, HashedSongIndex byAlias, out MatchMethod method, out SongRef? song)
    {
        song = byName.Find(key);
        if (song is not null)
        {
            method = MatchMethod.Exact;
            return true;
        }

        song = byAlias.Find(key);
        if (song is not null)
        {
            method = MatchMethod.Alias;
            return true;
        }

        method = MatchMethod.Unmatched;
        song = null;
        return false;
    }

    /// <summary>
    /// A song's whole name followed by a free-text note ("viola lee blues 10 verses 1 and 2 jam tape cuts"): the longest
    /// run of leading words that is a song's key, when some later word marks a note. Without such a word the rest may
    /// be part of another name ("Jack Straw from Wichita"), so nothing matches.
    /// </summary>
    private bool TryResolveBeforeNoteWords(string normalized, out MatchMethod method, out SongRef? song)
    {
        for (var end = normalized.LastIndexOf(' '); end > 0; end = normalized.LastIndexOf(' ', end - 1))
        {
            var head = normalized.AsSpan(0, end);
            if (PerformanceNotes.MarksNote(normalized.AsSpan(end + 1)) && TryResolve(head, out method, out song) && song is not null)
            {
                return true;
            }
        }

        method = MatchMethod.Unmatched;
        song = null;
        return false;
    }

    /// <summary>"Sugaree; tape cut, Jerry's string breaks": what comes before a semicolon is the title, the rest a note.</summary>
    private bool TryResolveBeforeNote(string rawText, out MatchMethod method, out SongRef? song)
    {
        var semicolon = rawText.IndexOf(';');
        if (semicolon > 0)
        {
            var head = TitleNormalizer.Normalize(rawText[..semicolon]);
            if (head.Length > 0 && (TryResolve(head, out method, out song) || TryResolveVariants(head, out method, out song)) && song is not null)
            {
                return true;
            }
        }

        method = MatchMethod.Unmatched;
        song = null;
        return false;
    }
}
