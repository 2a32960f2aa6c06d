using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Reads an artist YAML file into an <see cref="ArtistDocument"/>, keeping the position of every
/// value. Reports YAML syntax errors and shape errors (wrong kind of value, unknown fields);
/// rules about the content itself are <see cref="ArtistConfigValidator"/>'s.
/// </summary>
internal static class ArtistConfigYamlReader
{
    public static readonly ImmutableArray<string> TopLevelFields = ["name", "collection", "ignore", "tracks", "studio_albums"];
    public static readonly ImmutableArray<string> TrackFields = ["key", "name", "aliases"];
    public static readonly ImmutableArray<string> StudioAlbumFields = ["album", "year", "cover", "songs"];

    public static ArtistDocument Read(string path, TextReader text)
    {
        var root = LoadRoot(path, text);
        return ReadArtist(path, root);
    }

    private static YamlNode LoadRoot(string path, TextReader text)
    {
        var parser = new PositionTrackingParser(new Parser(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlAliasException exception)
        {
            throw Error(path, exception.Start, exception.Problem, exception.Remedy, exception);
        }
        catch (YamlException exception) when (exception.Message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            var field = exception.Message["Duplicate key ".Length..];
            throw Error(path, exception.Start, $"field '{field}' appears twice in the same mapping",
                "Keep one of them: a later value would silently replace the earlier one.", exception);
        }
        catch (YamlException exception)
        {
            var open = parser.InnermostOpenFlowCollection;
            var hint = open is { } start && start.Line < exception.Start.Line
                ? $" (the '[' or '{{' at line {start.Line}, column {start.Column} is still open)"
                : string.Empty;
            throw Error(path, exception.Start, $"YAML syntax error: {exception.Message.TrimEnd('.')}{hint}",
                "Fix the YAML at this position (check indentation, colons, quotes and brackets).", exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet fails this way when the file ends inside an unclosed flow collection.
            var open = parser.InnermostOpenFlowCollection;
            throw open is { } start
                ? Error(path, start, "YAML syntax error: this '[' or '{' is never closed", "Add the matching ']' or '}'.", exception)
                : Error(path, parser.LastEnd, "YAML syntax error: the file ends unexpectedly", "Close any open quote or bracket.", exception);
        }

        return stream.Documents.Count switch
        {
            0 => throw new ArtistConfigException(path, null, null, "the file is empty",
                "Add at least 'name:' and 'collection:' (see config/artists/grateful-dead.yaml)."),
            1 => stream.Documents[0].RootNode,
            _ => throw Error(path, stream.Documents[1].RootNode.Start, "the file holds more than one YAML document",
                "Keep one artist per file and remove the '---' separator."),
        };
    }

    private static ArtistDocument ReadArtist(string path, YamlNode root)
    {
        if (root is not YamlMappingNode mapping)
        {
            throw Error(path, root.Start, $"the file must be a mapping of fields, not {Describe(root)}",
                $"Start with fields such as 'name: ...' (allowed: {string.Join(", ", TopLevelFields)}).");
        }

        LocatedText? name = null, collection = null;
        IReadOnlyList<LocatedText> ignore = [];
        IReadOnlyList<TrackDocument> tracks = [];
        IReadOnlyList<StudioAlbumDocument> albums = [];
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (FieldName(path, keyNode))
            {
                case "name":
                    name = ReadText(path, "name", value);
                    break;
                case "collection":
                    collection = ReadText(path, "collection", value);
                    break;
                case "ignore":
                    ignore = ReadTextList(path, "ignore", value);
                    if (ignore.Count > ArtistConfigLimits.MaxIgnoreEntries)
                    {
                        throw OverLimit(path, ignore[ArtistConfigLimits.MaxIgnoreEntries].Start, "ignore entries", ignore.Count, ArtistConfigLimits.MaxIgnoreEntries);
                    }

                    break;
                case "tracks":
                    tracks = ReadTracks(path, value);
                    break;
                case "studio_albums":
                    albums = ReadStudioAlbums(path, value);
                    break;
                case var unknown:
                    throw Error(path, keyNode.Start, $"unknown field '{unknown}'",
                        $"Allowed top-level fields are: {string.Join(", ", TopLevelFields)}.");
            }
        }

        return new ArtistDocument(mapping.Start, name, collection, ignore, tracks, albums);
    }

    private static List<TrackDocument> ReadTracks(string path, YamlNode value)
    {
        if (IsNull(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(path, value.Start, $"'tracks' must be a list, not {Describe(value)}",
                "Write each track as a list item starting with '- key: ...'.");
        }

        if (sequence.Children.Count > ArtistConfigLimits.MaxSongs)
        {
            throw OverLimit(path, sequence.Children[ArtistConfigLimits.MaxSongs].Start, "tracks", sequence.Children.Count, ArtistConfigLimits.MaxSongs);
        }

        var tracks = sequence.Children.Select(item => ReadTrack(path, item)).ToList();
        var aliasCount = tracks.Sum(track => (long)track.Aliases.Count);
        if (aliasCount > ArtistConfigLimits.MaxAliases)
        {
            var firstOver = tracks.SelectMany(track => track.Aliases).ElementAt(ArtistConfigLimits.MaxAliases);
            throw OverLimit(path, firstOver.Start, "aliases", aliasCount, ArtistConfigLimits.MaxAliases);
        }

        return tracks;
    }

    private static ArtistConfigException OverLimit(string path, Mark at, string what, long count, int limit) =>
        Error(path, at, $"the file has {ArtistConfigLimits.Count(count)} {what}; an artist config may have at most {ArtistConfigLimits.Count(limit)}",
            $"The {what} from this line on are over the limit. Remove entries that are never used (a generated config often holds many); "
            + "the limit keeps loading and matching fast (see 'Artist config limits' in docs/DEVELOPER_GUIDE.md).");

    private static TrackDocument ReadTrack(string path, YamlNode item)
    {
        if (item is not YamlMappingNode mapping)
        {
            throw Error(path, item.Start, $"a track must be a mapping with key, name and aliases, not {Describe(item)}",
                "Write the track as '- key: dark-star' with 'name: Dark Star' on the next line, indented under it.");
        }

        LocatedText? key = null, name = null;
        IReadOnlyList<LocatedText> aliases = [];
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (FieldName(path, keyNode))
            {
                case "key":
                    key = ReadText(path, "key", value);
                    break;
                case "name":
                    name = ReadText(path, "name", value);
                    break;
                case "aliases":
                    aliases = ReadTextList(path, "aliases", value);
                    break;
                case var unknown:
                    throw Error(path, keyNode.Start, $"unknown track field '{unknown}'",
                        $"Allowed track fields are: {string.Join(", ", TrackFields)}.");
            }
        }

        return new TrackDocument(mapping.Start, key, name, aliases);
    }

    private static List<StudioAlbumDocument> ReadStudioAlbums(string path, YamlNode value)
    {
        if (IsNull(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(path, value.Start, $"'studio_albums' must be a list, not {Describe(value)}",
                "Write each album as a list item starting with '- album: ...'.");
        }

        if (sequence.Children.Count > ArtistConfigLimits.MaxStudioAlbums)
        {
            throw OverLimit(path, sequence.Children[ArtistConfigLimits.MaxStudioAlbums].Start, "studio albums", sequence.Children.Count, ArtistConfigLimits.MaxStudioAlbums);
        }

        return sequence.Children.Select(item => ReadStudioAlbum(path, item)).ToList();
    }

    private static StudioAlbumDocument ReadStudioAlbum(string path, YamlNode item)
    {
        if (item is not YamlMappingNode mapping)
        {
            throw Error(path, item.Start, $"a studio album must be a mapping with album, year, cover and songs, not {Describe(item)}",
                "Write the album as '- album: American Beauty' with 'year:', 'cover:' and 'songs:' on the next lines, indented under it.");
        }

        LocatedText? album = null, year = null, cover = null;
        IReadOnlyList<LocatedText> songs = [];
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (FieldName(path, keyNode))
            {
                case "album":
                    album = ReadText(path, "album", value);
                    break;
                case "year":
                    year = ReadText(path, "year", value);
                    break;
                case "cover":
                    cover = ReadText(path, "cover", value);
                    break;
                case "songs":
                    songs = ReadTextList(path, "songs", value);
                    break;
                case var unknown:
                    throw Error(path, keyNode.Start, $"unknown studio album field '{unknown}'",
                        $"Allowed studio album fields are: {string.Join(", ", StudioAlbumFields)}.");
            }
        }

        return new StudioAlbumDocument(mapping.Start, album, year, cover, songs);
    }

    private static string FieldName(string path, YamlNode keyNode) =>
        keyNode is YamlScalarNode { Value: { } field }
            ? field
            : throw Error(path, keyNode.Start, $"a field name must be plain text, not {Describe(keyNode)}",
                "Write fields as 'name: value'.");

    /// <summary>A single text value; an empty value is returned as empty text so validation can say which field is empty.</summary>
    private static LocatedText ReadText(string path, string field, YamlNode value) => value switch
    {
        YamlScalarNode scalar when IsNull(scalar) => new LocatedText(string.Empty, scalar.Start),
        YamlScalarNode scalar => new LocatedText(scalar.Value!.Trim(), scalar.Start),
        _ => throw Error(path, value.Start, $"'{field}' must be a single text value, not {Describe(value)}",
            $"Write it as '{field}: some text'."),
    };

    private static List<LocatedText> ReadTextList(string path, string field, YamlNode value)
    {
        if (IsNull(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(path, value.Start, $"'{field}' must be a list, not {Describe(value)}",
                $"Write it as '{field}: [first, second]' or as '- ' items on the following lines.");
        }

        var items = new List<LocatedText>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            if (item is not YamlScalarNode scalar)
            {
                throw Error(path, item.Start, $"each entry of '{field}' must be text, not {Describe(item)}",
                    "Quote entries that contain ':', '[' or ','.");
            }

            if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            {
                throw Error(path, item.Start, $"'{field}' has an empty entry", "Remove the empty entry.");
            }

            items.Add(new LocatedText(scalar.Value!.Trim(), scalar.Start));
        }

        return items;
    }

    // A missing value ("aliases:") or YAML's null spellings, unless quoted.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar
        && (scalar.Value is null
            || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"));

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode => "text",
        _ => "an alias or anchor",
    };

    private static ArtistConfigException Error(string path, Mark at, string problem, string remedy, Exception? inner = null) =>
        new(path, (int)at.Line, (int)at.Column, problem, remedy, inner);
}
