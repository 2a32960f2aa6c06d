using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Schema;
using YamlDotNet.Core;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Checks an artist document's content and turns it into an <see cref="ArtistConfig"/>. Names,
/// keys and aliases are compared as the matcher will see them (normalised), so an alias that
/// would send a title to the wrong song is rejected here rather than discovered in the catalog.
/// </summary>
internal sealed class ArtistConfigValidator
{
    private readonly string path;

    // Normalised text → the song and the value that claims it.
    private readonly Dictionary<string, Claim> songClaims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Claim> aliasClaims = new(StringComparer.Ordinal);

    private ArtistConfigValidator(string path) => this.path = path;

    public static ArtistConfig Validate(string path, ArtistDocument document) =>
        new ArtistConfigValidator(path).Build(document);

    private ArtistConfig Build(ArtistDocument document)
    {
        var name = Required(document.Name, document.Start, "name", "Add the artist's name, e.g. 'name: Grateful Dead'.");
        var collection = Required(document.Collection, document.Start, "collection",
            "Add the archive.org collection identifier, e.g. 'collection: GratefulDead'.");
        FitsColumn(name, "field 'name'", ColumnLengths.Artist.Name, "archivedotorg_artist.artist_name");
        FitsColumn(collection, "field 'collection'", ColumnLengths.Artist.CollectionId, "archivedotorg_artist.collection_id");
        if (!ArchiveIdentifier.IsValid(collection.Value))
        {
            throw Error(collection.Start, $"collection '{collection.Value}' is not an archive.org identifier",
                "Use the identifier from the collection's address on archive.org, e.g. 'GratefulDead' (letters, digits, '_', '-' and '.' only, at most 255).");
        }

        var songs = document.Tracks.Select(ValidateTrackFields).ToList();
        CheckUniqueKeysAndNames(songs);
        ClaimNamesAndKeys(songs);

        foreach (var song in songs)
        {
            foreach (var alias in song.Aliases)
            {
                ClaimAlias(song, alias);
            }
        }

        foreach (var entry in document.Ignore)
        {
            CheckIgnoreEntry(entry);
        }

        var definitions = songs.Select(song => new SongDefinition(song.Key.Value, song.Name.Value, song.Aliases.Select(alias => alias.Value).ToList())).ToList();
        return new ArtistConfig(name.Value, collection.Value, definitions, document.Ignore.Select(entry => entry.Value).ToList(), path)
        {
            StudioAlbums = new StudioAlbumValidator(path, definitions).Validate(document.StudioAlbums),
        };
    }

    private ValidTrack ValidateTrackFields(TrackDocument track)
    {
        if (track.Key is null || track.Key.Value.Length == 0)
        {
            var what = track.Name is { Value.Length: > 0 } named ? $"track '{named.Value}' has no 'key'" : "a track has no 'key'";
            throw Error(track.Key?.Start ?? track.Start, what, "Give every track a unique key, e.g. 'key: dark-star'.");
        }

        if (track.Name is null || track.Name.Value.Length == 0)
        {
            throw Error(track.Name?.Start ?? track.Start, $"track '{track.Key.Value}' has no 'name'",
                "Add the song's display name, e.g. 'name: Dark Star'.");
        }

        FitsColumn(track.Key, "the 'key' of a track", ColumnLengths.Song.Key, "catalog_song.song_key");
        FitsColumn(track.Name, $"the 'name' of track '{track.Key.Value}'", ColumnLengths.Song.Name, "catalog_song.song_name");
        return new ValidTrack(track.Key, track.Name, track.Aliases);
    }

    /// <summary>A value the catalog stores must fit its column on every engine (SQLite would keep it, MySQL refuses it).</summary>
    private void FitsColumn(LocatedText value, string field, int length, string column)
    {
        if (!ColumnText.Fits(value.Value, length))
        {
            throw Error(value.Start,
                $"{field} is {ArtistConfigLimits.Count(value.Value.Length)} characters long ('{ColumnText.Clip(value.Value, 40)}'); "
                + $"the catalog stores at most {ArtistConfigLimits.Count(length)} ({column})",
                $"Shorten it to {ArtistConfigLimits.Count(length)} characters or fewer.");
        }
    }

    private void CheckUniqueKeysAndNames(IReadOnlyList<ValidTrack> songs)
    {
        var keys = new Dictionary<string, LocatedText>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, LocatedText>(StringComparer.Ordinal);
        foreach (var song in songs)
        {
            if (!keys.TryAdd(song.Key.Value, song.Key))
            {
                throw Error(song.Key.Start, $"duplicate track key '{song.Key.Value}' (first used on line {keys[song.Key.Value].Start.Line})",
                    "Track keys must be unique: rename one of the tracks or merge the two.");
            }

            var name = Normalized(song.Name, "name");
            if (!names.TryAdd(name, song.Name))
            {
                var first = names[name];
                throw Error(song.Name.Start,
                    $"track name '{song.Name.Value}' is the same as '{first.Value}' on line {first.Start.Line} once case and punctuation are ignored",
                    "Merge the two tracks, or make the names differ in words.");
            }
        }
    }

    // Full names first, so a name outranks another song's shortened name or key in the messages.
    private void ClaimNamesAndKeys(IReadOnlyList<ValidTrack> songs)
    {
        foreach (var song in songs)
        {
            songClaims.TryAdd(Normalized(song.Name, "name"), new Claim(song, ClaimKind.Name, song.Name));
        }

        foreach (var song in songs)
        {
            songClaims.TryAdd(TitleNormalizer.Normalize(song.Name.Value), new Claim(song, ClaimKind.Name, song.Name));
            songClaims.TryAdd(Normalized(song.Key, "key"), new Claim(song, ClaimKind.Key, song.Key));
        }
    }

    private void ClaimAlias(ValidTrack song, LocatedText alias)
    {
        foreach (var text in new[] { Normalized(alias, "alias"), TitleNormalizer.Normalize(alias.Value) }.Distinct())
        {
            if (text.Length == 0)
            {
                continue;
            }

            if (songClaims.TryGetValue(text, out var owner) && owner.Song != song)
            {
                throw Error(alias.Start,
                    $"alias '{alias.Value}' of '{song.Name.Value}' is the {Describe(owner.Kind)} of '{owner.Song.Name.Value}' (line {owner.Line})",
                    $"Remove the alias: a title that says '{alias.Value}' already matches '{owner.Song.Name.Value}'.");
            }

            if (aliasClaims.TryGetValue(text, out var other) && other.Song != song)
            {
                throw Error(alias.Start,
                    $"alias '{alias.Value}' of '{song.Name.Value}' is also an alias of '{other.Song.Name.Value}' (line {other.Line})",
                    "An alias must lead to one song: remove it from one of the two tracks.");
            }

            aliasClaims.TryAdd(text, new Claim(song, ClaimKind.Alias, alias));
        }
    }

    private void CheckIgnoreEntry(LocatedText entry)
    {
        var text = Normalized(entry, "ignore entry");
        if (songClaims.TryGetValue(text, out var owner) || aliasClaims.TryGetValue(text, out owner))
        {
            throw Error(entry.Start, $"ignore entry '{entry.Value}' is the {Describe(owner.Kind)} of '{owner.Song.Name.Value}' (line {owner.Line})",
                "Remove it from 'ignore': titles that name a song are never ignored.");
        }
    }

    private string Normalized(LocatedText value, string what)
    {
        var text = TitleNormalizer.Normalize(value.Value, NormalizeOptions.None);
        return text.Length > 0
            ? text
            : throw Error(value.Start, $"{what} '{value.Value}' has no letters or digits", "Use a value with at least one letter or digit.");
    }

    private LocatedText Required(LocatedText? value, Mark fileStart, string field, string remedy)
    {
        if (value is null)
        {
            throw Error(fileStart, $"missing required field '{field}'", remedy);
        }

        return value.Value.Length > 0 ? value : throw Error(value.Start, $"field '{field}' is empty", remedy);
    }

    private static string Describe(ClaimKind kind) => kind switch
    {
        ClaimKind.Key => "key",
        ClaimKind.Name => "name",
        _ => "alias",
    };

    private ArtistConfigException Error(Mark at, string problem, string remedy) =>
        new(path, (int)at.Line, (int)at.Column, problem, remedy);

    private sealed record ValidTrack(LocatedText Key, LocatedText Name, IReadOnlyList<LocatedText> Aliases);

    private enum ClaimKind
    {
        Key,
        Name,
        Alias,
    }

    private sealed record Claim(ValidTrack Song, ClaimKind Kind, LocatedText Value)
    {
        public long Line => Value.Start.Line;

        public string Text => Value.Value;
    }
}
