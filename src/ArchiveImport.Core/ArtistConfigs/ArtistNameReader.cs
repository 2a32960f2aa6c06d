using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Reads just the top-level <c>name</c> of an artist file, stopping as soon as it is found, so
/// listing artists (tab completion) does not parse and validate hundreds of songs per file.
/// </summary>
internal static class ArtistNameReader
{
    /// <summary>The name and where it is, or null when the file has none or cannot be read as YAML.</summary>
    public static LocatedText? TryRead(string path)
    {
        try
        {
            using var text = File.OpenText(path);
            var parser = new Parser(text);
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _) || !parser.TryConsume<MappingStart>(out _))
            {
                return null;
            }

            while (parser.TryConsume<Scalar>(out var field))
            {
                if (field.Value == "name")
                {
                    return parser.TryConsume<Scalar>(out var value) && !string.IsNullOrWhiteSpace(value.Value)
                        ? new LocatedText(value.Value.Trim(), value.Start)
                        : null;
                }

                parser.SkipThisAndNestedEvents();
            }

            return null;
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the whole file is YAML a parser accepts: a syntax check only (no songs are built or validated), cheap
    /// enough for tab completion, so a file broken after its name line is not offered as an artist.
    /// </summary>
    public static bool IsWellFormed(string path)
    {
        try
        {
            using var text = File.OpenText(path);
            var parser = new Parser(text);
            while (parser.MoveNext())
            {
            }

            return true;
        }
        catch (Exception exception) when (exception is YamlException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
