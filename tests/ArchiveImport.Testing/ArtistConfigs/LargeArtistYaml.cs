using System.Globalization;
using System.Text;

namespace ArchiveImport.Testing.ArtistConfigs;

/// <summary>
/// Writes a valid artist YAML file of any size, the same for the same arguments: song <c>i</c> is named from the
/// digits of <c>i</c> in base <see cref="Vocabulary"/>.Length, so every name is distinct once normalised, and its one
/// alias puts an extra word ("Ye") in front that no name contains, so no alias collides with a name or another alias.
/// The songs must be distinct once normalised, or validation rejects the file: generated names always are.
/// </summary>
public static class LargeArtistYaml
{
    // 64 plain words without digits, brackets or articles: the normaliser leaves them as they are.
    private static readonly string[] Vocabulary =
    [
        "amber", "bramble", "cobalt", "dusk", "ember", "fable", "granite", "harbor", "indigo", "juniper", "kestrel",
        "lantern", "marble", "nettle", "orchard", "pebble", "quarry", "raven", "saffron", "thistle", "umber", "velvet",
        "willow", "yarrow", "zephyr", "anvil", "beacon", "cinder", "delta", "falcon", "glacier", "hollow", "ivory",
        "jasper", "kettle", "meadow", "nimbus", "onyx", "prairie", "quill", "ripple", "sparrow", "timber", "vessel",
        "walnut", "badger", "copper", "driftwood", "everglade", "foxglove", "gravel", "heron", "island", "lagoon",
        "mistral", "north", "oriole", "pilgrim", "rover", "summit", "tundra", "upland", "voyage", "wander",
    ];

    /// <summary>
    /// The name of song <paramref name="index"/>: words (at least two, so it is long enough to match by sound too), or,
    /// when <paramref name="numbered"/>, "Jam" and the number — names that all sound alike, the worst case for the
    /// phonetic index (digits have no sound).
    /// </summary>
    public static string SongName(int index, bool numbered = false)
    {
        if (numbered)
        {
            return "Jam " + index.ToString(CultureInfo.InvariantCulture);
        }

        var words = new List<string>();
        var rest = index;
        do
        {
            words.Add(Capitalise(Vocabulary[rest % Vocabulary.Length]));
            rest /= Vocabulary.Length;
        }
        while (rest > 0);

        if (words.Count == 1)
        {
            words.Add("Song");
        }

        return string.Join(' ', words);
    }

    public static string Alias(int index, bool numbered = false) => "Ye " + SongName(index, numbered);

    public static string Key(int index) => "song-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole file: <paramref name="songs"/> tracks, each with one alias when <paramref name="withAliases"/>.</summary>
    public static string Text(int songs, bool withAliases = true, bool numbered = false, string name = "Large Band", string collection = "LargeBand")
    {
        var text = new StringBuilder(songs * 80);
        text.Append("name: ").Append(name).Append('\n');
        text.Append("collection: ").Append(collection).Append('\n');
        text.Append("tracks:\n");
        for (var i = 0; i < songs; i++)
        {
            text.Append("  - key: ").Append(Key(i)).Append('\n');
            text.Append("    name: ").Append(SongName(i, numbered)).Append('\n');
            if (withAliases)
            {
                text.Append("    aliases: [").Append(Alias(i, numbered)).Append("]\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="Text"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, int songs, bool withAliases = true, bool numbered = false)
    {
        File.WriteAllText(path, Text(songs, withAliases, numbered));
        return path;
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
