using System.Globalization;

namespace ArchiveImport.Core.Matching.Benchmarking;

/// <summary>
/// A made-up but real-looking song catalogue and raw track titles with the noise tapers put in them, generated
/// deterministically from a seed so benchmark runs compare.
/// </summary>
public static class SyntheticCatalog
{
    private static readonly string[] Words =
    [
        "dark", "star", "morning", "dew", "river", "road", "blues", "sugar", "magnolia", "fire", "mountain", "scarlet",
        "wind", "rain", "sun", "moon", "night", "day", "train", "station", "lady", "man", "woman", "child", "brother",
        "sister", "mother", "father", "stone", "wheel", "jack", "rose", "queen", "king", "deal", "cumberland", "truck",
        "highway", "ramble", "tennessee", "casey", "jones", "ship", "fools", "stella", "blue", "black", "peter", "box",
        "rain", "uncle", "john", "band", "wharf", "rat", "eyes", "world", "china", "cat", "sunflower", "rider", "new",
        "minglewood", "loser", "bertha", "althea", "franklin", "tower", "estimated", "prophet", "terrapin", "station",
        "crazy", "fingers", "dancing", "street", "help", "way", "slipknot", "feel", "like", "stranger", "touch", "grey",
        "hell", "bucket", "west", "la", "fadeaway", "shakedown", "samson", "delilah", "music", "never", "stopped",
        "lost", "sailor", "saint", "circumstance", "golden", "silver", "iron", "glass", "paper", "cotton", "velvet",
        "honey", "whiskey", "coffee", "bread", "water", "ocean", "desert", "canyon", "valley", "meadow", "forest",
        "garden", "city", "town", "country", "home", "house", "door", "window", "bridge", "tunnel", "ladder", "rope",
        "bell", "drum", "guitar", "fiddle", "banjo", "song", "dance", "dream", "ghost", "angel", "devil", "shadow",
        "light", "thunder", "lightning", "storm", "snow", "summer", "winter", "spring", "autumn", "evening", "midnight",
        "sunrise", "sunset", "horizon", "lonesome", "lonely", "happy", "sweet", "bitter", "wild", "free", "easy",
        "hard", "long", "short", "high", "low", "deep", "wide", "cold", "warm", "broken", "hearted", "running", "walking",
        "rolling", "shaking", "turning", "burning", "flying", "falling", "waiting", "calling", "crying", "laughing",
        "gambler", "rambler", "drifter", "preacher", "sheriff", "outlaw", "cowboy", "sailor", "miner", "farmer",
    ];

    private static readonly string[] NonSongs = ["Tuning", "Crowd", "Banter", "Intro", "Applause", "Soundcheck", "Encore Break", "Stage Announcements"];

    public static ArtistConfig Songs(int count, int seed = 42)
    {
        var random = new Random(seed);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var songs = new List<SongDefinition>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (songs.Count < count)
        {
            var wordCount = random.Next(1, 5);
            var words = Enumerable.Range(0, wordCount).Select(_ => Capitalise(Words[random.Next(Words.Length)]));
            var name = string.Join(' ', words);
            if (random.Next(20) == 0)
            {
                name += $" ({Capitalise(Words[random.Next(Words.Length)])} {Capitalise(Words[random.Next(Words.Length)])})";
            }

            var key = Slugs.Of(name);
            if (name.Length < 3 || !names.Add(name) || !keys.Add(key))
            {
                continue;
            }

            var aliases = random.Next(10) == 0 ? new[] { Acronym(name) } : [];
            songs.Add(new SongDefinition(key, name, aliases.Where(a => a.Length >= 3 && !names.Contains(a)).ToArray()));
        }

        return new ArtistConfig("Synthetic Band", "SyntheticBand", songs, [], "(generated)");
    }

    public static IReadOnlyList<string> Titles(ArtistConfig catalog, int count, int seed = 7)
    {
        var random = new Random(seed);
        var titles = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var text = roll switch
            {
                < 78 => catalog.Songs[random.Next(catalog.Songs.Count)].Name,
                < 83 => AliasOrName(catalog.Songs[random.Next(catalog.Songs.Count)]),
                < 88 => $"{catalog.Songs[random.Next(catalog.Songs.Count)].Name} > {catalog.Songs[random.Next(catalog.Songs.Count)].Name}",
                < 93 => NonSongs[random.Next(NonSongs.Length)],
                _ => $"{Capitalise(Words[random.Next(Words.Length)])} {Capitalise(Words[random.Next(Words.Length)])} Jam {random.Next(100)}",
            };
            titles.Add(Noise(text, random, i));
        }

        return titles;
    }

    private static string Noise(string text, Random random, int index)
    {
        if (random.Next(100) < 8)
        {
            text = Typo(text, random);
        }

        if (random.Next(100) < 5)
        {
            text = text.ToUpperInvariant();
        }

        var prefix = random.Next(5) switch
        {
            0 => $"d{random.Next(1, 4)}t{random.Next(1, 20):00} ",
            1 => $"{random.Next(1, 20):00} - ",
            2 => $"{random.Next(1, 20)}. ",
            3 when random.Next(10) == 0 => "E: ",
            _ => "",
        };
        var suffix = random.Next(100) switch
        {
            < 12 => " >",
            < 16 => " ->",
            < 26 => string.Create(CultureInfo.InvariantCulture, $" ({random.Next(2, 25)}:{random.Next(60):00})"),
            < 28 => " *",
            _ => "",
        };
        return index % 50 == 0 ? $"{prefix}{text} [partial]{suffix}" : prefix + text + suffix;
    }

    private static string Typo(string text, Random random)
    {
        if (text.Length < 5)
        {
            return text;
        }

        var chars = text.ToCharArray();
        var at = random.Next(1, chars.Length - 2);
        if (random.Next(2) == 0)
        {
            (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
            return new string(chars);
        }

        return text.Remove(at, 1);
    }

    private static string AliasOrName(SongDefinition song) => song.Aliases.Count > 0 ? song.Aliases[0] : song.Name;

    private static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Select(w => char.ToUpperInvariant(w[0])));

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
