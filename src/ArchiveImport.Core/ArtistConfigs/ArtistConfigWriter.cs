using System.Text;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using YamlDotNet.Core;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>An alias to give the song with key <see cref="SongKey"/>.</summary>
public sealed record AliasAddition(string SongKey, string Alias);

/// <summary>
/// Edits an artist YAML file in place: adds aliases to songs and entries to <c>ignore:</c> by
/// inserting text where the YAML model says the lists are, so comments, blank lines, ordering,
/// quoting and flow or block style stay exactly as they were. Everything is checked before the file
/// is touched; the new text is written to a temporary file next to it, loaded and compared with what
/// was intended, and only then moved over the original. On any error the file is unchanged.
/// </summary>
public static class ArtistConfigWriter
{
    private const int MaxSuggestedKeys = 3;

    /// <summary>
    /// Adds aliases to songs in the YAML file at <paramref name="path"/>, editing the text in place so
    /// that everything else stays byte-for-byte as it was. Returns the aliases actually added, with the
    /// song keys as the file spells them; an alias the song already has (compared case-insensitively
    /// after trimming, as are its name and key) is skipped, and so is a repeat within
    /// <paramref name="additions"/>.
    /// </summary>
    /// <exception cref="ArtistConfigException">
    /// The file does not load; a song key is unknown (the message names the closest keys); an alias is
    /// empty, has no letters or digits, holds a line break or control character, or is the name, key or
    /// an alias of another song; or the edited file would not load. The file is unchanged.
    /// </exception>
    public static IReadOnlyList<AliasAddition> AddAliases(string path, IEnumerable<AliasAddition> additions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(additions);
        var requested = additions.ToList();
        if (requested.Any(addition => addition is null))
        {
            throw new ArgumentException("An addition is null.", nameof(additions));
        }

        var file = ConfigFile.Read(Path.GetFullPath(path));
        var (document, config) = file.Parse();
        var plan = PlanAliases(file.Path, document, config, requested);
        if (plan.Added.Count == 0)
        {
            return [];
        }

        file.Write(
            layout => plan.BySong.Select(song => layout.AppendToList(layout.Track(song.Key), "aliases", afterField: null,
                song.Value.Select(YamlScalarFormatter.Format).ToList())),
            written => CheckAliasesWritten(config, written, plan.BySong));
        return plan.Added;
    }

    /// <summary>
    /// Adds titles to the top-level <c>ignore:</c> list, creating it on the line after
    /// <c>collection:</c> when the file has none, with the same guarantees as
    /// <see cref="AddAliases"/>. Returns the entries actually added; a title already listed
    /// (case-insensitively, after trimming) is skipped.
    /// </summary>
    /// <exception cref="ArtistConfigException">
    /// The file does not load; a title is empty, has no letters or digits, holds a line break or
    /// control character, or is the name, key or an alias of a song; or the edited file would not
    /// load. The file is unchanged.
    /// </exception>
    public static IReadOnlyList<string> AddIgnored(string path, IEnumerable<string> titles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(titles);
        var requested = titles.ToList();

        var file = ConfigFile.Read(Path.GetFullPath(path));
        var (document, config) = file.Parse();
        var claims = SongClaims.Of(document);
        var present = new HashSet<string>(config.Ignore.Select(entry => entry.Trim()), StringComparer.OrdinalIgnoreCase);
        var added = new List<string>();
        foreach (var raw in requested)
        {
            var title = (raw ?? string.Empty).Trim();
            CheckText(file.Path, title, "ignore entry", string.Empty);
            if (!present.Add(title))
            {
                continue;
            }

            // The loader compares ignore entries with songs without stripping track numbers or notes.
            var owner = claims.Find(TitleNormalizer.Normalize(title, NormalizeOptions.None));
            if (owner is not null)
            {
                throw new ArtistConfigException(file.Path, owner.Line, owner.Column,
                    $"'{title}' cannot be ignored: it is {owner.Kind} of '{owner.SongName}' (line {owner.Line})",
                    "Titles that name a song are never ignored. The file was not changed.");
            }

            added.Add(title);
        }

        if (added.Count == 0)
        {
            return [];
        }

        file.Write(
            layout => [layout.AppendToList(layout.Root, "ignore", afterField: "collection", added.Select(YamlScalarFormatter.Format).ToList())],
            written =>
            {
                if (!written.Ignore.SequenceEqual(config.Ignore.Concat(added)) || !SameSongs(config, written, _ => []))
                {
                    throw new InvalidOperationException("the 'ignore' list read back is not the old list followed by the new entries");
                }
            });
        return added;
    }

    private static AliasPlan PlanAliases(string path, ArtistDocument document, ArtistConfig config, List<AliasAddition> requested)
    {
        var claims = SongClaims.Of(document);
        var byKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Songs.Count; i++)
        {
            byKey.TryAdd(config.Songs[i].Key, i);
        }

        var present = config.Songs
            .Select(song => new HashSet<string>(song.Aliases.Append(song.Name).Append(song.Key).Select(text => text.Trim()), StringComparer.OrdinalIgnoreCase))
            .ToList();
        var bySong = new SortedDictionary<int, List<string>>();
        var added = new List<AliasAddition>();
        foreach (var addition in requested)
        {
            var key = (addition.SongKey ?? string.Empty).Trim();
            if (!byKey.TryGetValue(key, out var index))
            {
                throw UnknownKey(path, key, config.Songs);
            }

            var song = config.Songs[index];
            var alias = (addition.Alias ?? string.Empty).Trim();
            CheckText(path, alias, "alias", $" for '{song.Name}'");
            if (!present[index].Add(alias))
            {
                continue;
            }

            // The same two forms the loader claims for an alias: as written, and as a title is matched.
            foreach (var form in new[] { TitleNormalizer.Normalize(alias, NormalizeOptions.None), TitleNormalizer.Normalize(alias) }.Distinct())
            {
                if (form.Length > 0 && claims.Claim(form, index, song.Name) is { } owner)
                {
                    throw new ArtistConfigException(path, owner.Line, owner.Column,
                        $"alias '{alias}' for '{song.Name}' is {owner.Kind} of '{owner.SongName}'"
                            + (owner.Line is { } line ? $" (line {line})" : " in this same request"),
                        $"An alias must lead to one song: a title that says '{alias}' would match '{owner.SongName}'. The file was not changed.");
                }
            }

            if (!bySong.TryGetValue(index, out var aliases))
            {
                bySong.Add(index, aliases = []);
            }

            aliases.Add(alias);
            added.Add(new AliasAddition(song.Key, alias));
        }

        return new AliasPlan(bySong, added);
    }

    /// <param name="what">"alias" or "ignore entry".</param>
    /// <param name="context">Appended after the value, e.g. " for 'Dark Star'"; may be empty.</param>
    private static void CheckText(string path, string text, string what, string context)
    {
        if (text.Length == 0)
        {
            throw new ArtistConfigException(path, null, null, $"an empty {what}{context} was given",
                $"Give a non-empty {what}. The file was not changed.");
        }

        if (!IsSingleLine(text))
        {
            throw new ArtistConfigException(path, null, null, $"the {what} '{text}'{context} holds a line break or control character",
                $"Give the {what} on one line of plain text. The file was not changed.");
        }

        if (TitleNormalizer.Normalize(text, NormalizeOptions.None).Length == 0)
        {
            throw new ArtistConfigException(path, null, null, $"the {what} '{text}'{context} has no letters or digits",
                "Use a value with at least one letter or digit. The file was not changed.");
        }
    }

    private static bool IsSingleLine(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || text[i] is '\u2028' or '\u2029' or '\uFEFF')
            {
                return false;
            }

            if (char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i++))
            {
                return false;
            }
        }

        return true;
    }

    private static ArtistConfigException UnknownKey(string path, string key, IReadOnlyList<SongDefinition> songs)
    {
        var closest = ClosestKeys(key, songs.Select(song => song.Key));
        var remedy = closest.Count > 0
            ? $"Closest keys: {string.Join(", ", closest)}. The file was not changed."
            : "No key is close to it; use the value of a song's 'key:' line. The file was not changed.";
        return new ArtistConfigException(path, null, null, $"no song has the key '{key}'", remedy);
    }

    /// <summary>Keys within a few edits of <paramref name="key"/> (or of its slug), or containing it, nearest first.</summary>
    internal static IReadOnlyList<string> ClosestKeys(string key, IEnumerable<string> keys)
    {
        var wanted = key.ToLowerInvariant();
        var slug = ArtistConfigStore.Slug(key);
        var bound = Math.Max(2, wanted.Length / 3);
        return keys
            .Select(candidate =>
            {
                var lower = candidate.ToLowerInvariant();
                var distance = Math.Min(
                    DamerauLevenshtein.Distance(wanted, lower, bound),
                    slug.Length > 0 ? DamerauLevenshtein.Distance(slug, lower, bound) : int.MaxValue);
                if (distance == int.MaxValue && wanted.Length >= 3 && (lower.Contains(wanted, StringComparison.Ordinal) || (slug.Length >= 3 && lower.Contains(slug, StringComparison.Ordinal))))
                {
                    distance = bound + 1;
                }

                return (Key: candidate, Distance: distance);
            })
            .Where(candidate => candidate.Distance != int.MaxValue)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Key, StringComparer.Ordinal)
            .Take(MaxSuggestedKeys)
            .Select(candidate => candidate.Key)
            .ToList();
    }

    private static void CheckAliasesWritten(ArtistConfig before, ArtistConfig after, IReadOnlyDictionary<int, List<string>> added)
    {
        if (!after.Ignore.SequenceEqual(before.Ignore)
            || !SameSongs(before, after, index => added.TryGetValue(index, out var aliases) ? aliases : []))
        {
            throw new InvalidOperationException("the songs read back are not the old songs with the new aliases appended");
        }
    }

    private static bool SameSongs(ArtistConfig before, ArtistConfig after, Func<int, IReadOnlyList<string>> addedAliases) =>
        before.Name == after.Name
        && before.Collection == after.Collection
        && before.Songs.Count == after.Songs.Count
        && before.Songs.Select((song, index) => (song, index)).All(pair =>
            after.Songs[pair.index].Key == pair.song.Key
            && after.Songs[pair.index].Name == pair.song.Name
            && after.Songs[pair.index].Aliases.SequenceEqual(pair.song.Aliases.Concat(addedAliases(pair.index))));

    private sealed record AliasPlan(IReadOnlyDictionary<int, List<string>> BySong, IReadOnlyList<AliasAddition> Added);

    /// <summary>Who already owns a normalised text: a song's name or key, or an alias (one in the file or one being added).</summary>
    private sealed record Owner(int Song, string SongName, string Kind, int? Line, int? Column);

    /// <summary>The texts songs claim, normalised the way <see cref="ArtistConfigValidator"/> claims them.</summary>
    private sealed class SongClaims
    {
        private readonly Dictionary<string, Owner> songs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Owner> aliases = new(StringComparer.Ordinal);

        public static SongClaims Of(ArtistDocument document)
        {
            var claims = new SongClaims();
            var tracks = document.Tracks;
            for (var i = 0; i < tracks.Count; i++)
            {
                var name = tracks[i].Name!;
                claims.songs.TryAdd(TitleNormalizer.Normalize(name.Value, NormalizeOptions.None), At(i, name.Value, "the name", name));
            }

            for (var i = 0; i < tracks.Count; i++)
            {
                var (name, key) = (tracks[i].Name!, tracks[i].Key!);
                claims.songs.TryAdd(TitleNormalizer.Normalize(name.Value), At(i, name.Value, "the name", name));
                claims.songs.TryAdd(TitleNormalizer.Normalize(key.Value, NormalizeOptions.None), At(i, name.Value, "the key", key));
            }

            for (var i = 0; i < tracks.Count; i++)
            {
                foreach (var alias in tracks[i].Aliases)
                {
                    foreach (var form in new[] { TitleNormalizer.Normalize(alias.Value, NormalizeOptions.None), TitleNormalizer.Normalize(alias.Value) })
                    {
                        claims.aliases.TryAdd(form, At(i, tracks[i].Name!.Value, "an alias", alias));
                    }
                }
            }

            return claims;
        }

        /// <summary>The song's name, key or alias that <paramref name="normalized"/> is, or null.</summary>
        public Owner? Find(string normalized) =>
            songs.TryGetValue(normalized, out var owner) || aliases.TryGetValue(normalized, out owner) ? owner : null;

        /// <summary>Claims <paramref name="normalized"/> as an alias of song <paramref name="song"/>; returns the other song that owns it, if any.</summary>
        public Owner? Claim(string normalized, int song, string songName)
        {
            if (songs.TryGetValue(normalized, out var owner) && owner.Song != song)
            {
                return owner;
            }

            if (aliases.TryGetValue(normalized, out owner) && owner.Song != song)
            {
                return owner;
            }

            aliases.TryAdd(normalized, new Owner(song, songName, "an alias", null, null));
            return null;
        }

        private static Owner At(int song, string songName, string kind, LocatedText value) =>
            new(song, songName, kind, (int)value.Start.Line, (int)value.Start.Column);
    }

    /// <summary>The file as read: its exact bytes, its encoding and byte-order mark, and its text.</summary>
    private sealed class ConfigFile
    {
        private readonly byte[] bytes;
        private readonly int preambleLength;
        private readonly Encoding encoding;

        private ConfigFile(string path, byte[] bytes, int preambleLength, Encoding encoding, string text)
        {
            Path = path;
            this.bytes = bytes;
            this.preambleLength = preambleLength;
            this.encoding = encoding;
            Text = text;
        }

        public string Path { get; }

        public string Text { get; }

        public static ConfigFile Read(string path)
        {
            byte[] bytes;
            ArtistConfigLimits.CheckFileSize(path);
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new ArtistConfigException(path, null, null, $"the file cannot be read ({exception.Message.TrimEnd('.')})",
                    "Check the path and that the file is not locked.", exception);
            }

            var (encoding, preamble) = DetectEncoding(bytes);
            try
            {
                return new ConfigFile(path, bytes, preamble, encoding, encoding.GetString(bytes, preamble, bytes.Length - preamble));
            }
            catch (DecoderFallbackException exception)
            {
                throw new ArtistConfigException(path, null, null, $"the file is not valid {encoding.WebName} text",
                    "Save it as UTF-8 and try again. The file was not changed.", exception);
            }
        }

        /// <summary>Reads and validates the text exactly as <see cref="ArtistConfigStore.Load"/> does.</summary>
        public (ArtistDocument Document, ArtistConfig Config) Parse()
        {
            var document = ArtistConfigYamlReader.Read(Path, new StringReader(Text));
            return (document, ArtistConfigValidator.Validate(Path, document));
        }

        /// <summary>
        /// Applies the edits, writes the result to a temporary file in the same folder, loads that
        /// file with <see cref="ArtistConfigStore.Load"/>, lets <paramref name="verify"/> check what it
        /// holds, and only then moves it over the original (if the original has not changed meanwhile).
        /// </summary>
        public void Write(Func<YamlTextLayout, IEnumerable<TextEdit>> edits, Action<ArtistConfig> verify)
        {
            string newText;
            try
            {
                var layout = YamlTextLayout.Parse(Text);
                newText = YamlTextLayout.Apply(Text, edits(layout).ToList());
            }
            catch (Exception exception) when (exception is YamlLayoutException or YamlException)
            {
                throw new ArtistConfigException(Path, null, null, $"cannot find where to edit the file: {exception.Message.TrimEnd('.')}",
                    "Edit the file by hand. It was not changed.", exception);
            }

            var newBytes = new byte[preambleLength + encoding.GetByteCount(newText)];
            bytes.AsSpan(0, preambleLength).CopyTo(newBytes);
            encoding.GetBytes(newText, newBytes.AsSpan(preambleLength));

            try
            {
                AtomicFile.Write(Path, newBytes, temporary =>
                {
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(temporary, File.GetUnixFileMode(Path));
                    }

                    Verify(temporary, verify);
                    if (!File.ReadAllBytes(Path).AsSpan().SequenceEqual(bytes))
                    {
                        throw new ArtistConfigException(Path, null, null, "the file changed while it was being edited",
                            "Run the command again. The file was not changed by it.");
                    }
                });
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new ArtistConfigException(Path, null, null, $"the file cannot be written ({exception.Message.TrimEnd('.')})",
                    "Check that the folder is writable and the file is not locked. The file was not changed.", exception);
            }
        }

        private void Verify(string temporary, Action<ArtistConfig> verify)
        {
            ArtistConfig written;
            try
            {
                written = ArtistConfigStore.Load(temporary);
            }
            catch (ArtistConfigException exception)
            {
                var where = exception.Line is { } line ? $" at line {line} of the edited text" : string.Empty;
                throw new ArtistConfigException(Path, null, null, $"the edited file would not load{where}: {exception.Problem.TrimEnd('.')}",
                    "The file was not changed.", exception);
            }

            try
            {
                verify(written);
            }
            catch (InvalidOperationException exception)
            {
                throw new ArtistConfigException(Path, null, null, $"the edit did not come out as intended: {exception.Message}",
                    "The file was not changed; edit it by hand.", exception);
            }
        }

        private static (Encoding Encoding, int PreambleLength) DetectEncoding(ReadOnlySpan<byte> bytes) => bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(true, true), 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, true, true), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, true, true), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, true, true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, true, true), 2),
            _ => (new UTF8Encoding(false, true), 0),
        };
    }
}
