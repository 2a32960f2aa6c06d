using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// Grateful Dead shows shaped like the recorded archive.org metadata responses (tests/fixtures/archive-org), made
/// from a seed so two runs build the same set: each show is one of the recorded items with a new identifier, date,
/// venue and track list. Titles are song names from the Grateful Dead list as fans type them: mostly clean, some
/// with segue marks or notes, some real misspellings (tests/fixtures/matching/grateful-dead-labeled.tsv) and some
/// made-up ones, so a share stays unmatched.
/// </summary>
internal sealed class SyntheticShows
{
    private static readonly string[] Templates =
        ["gd73-06-10.sbd.hollister.174.sbeok.shnf.json", "gd70-10-23.aud.wolfson.15080.sbefail.shnf.json"];

    private static readonly string[] ItemLevelFormats = ["Text", "Metadata", "Checksums", "Archive BitTorrent"];

    private static readonly (string Venue, string City)[] Venues =
    [
        ("Fillmore West", "San Francisco, CA"), ("Fillmore East", "New York, NY"), ("Winterland Arena", "San Francisco, CA"),
        ("Madison Square Garden", "New York, NY"), ("Boston Garden", "Boston, MA"), ("Capitol Theatre", "Port Chester, NY"),
        ("Nassau Coliseum", "Uniondale, NY"), ("Red Rocks Amphitheatre", "Morrison, CO"), ("Greek Theatre", "Berkeley, CA"),
        ("Frost Amphitheatre", "Palo Alto, CA"), ("Shoreline Amphitheatre", "Mountain View, CA"), ("Oakland Coliseum Arena", "Oakland, CA"),
        ("The Spectrum", "Philadelphia, PA"), ("Hampton Coliseum", "Hampton, VA"), ("Alpine Valley Music Theatre", "East Troy, WI"),
        ("Cornell University, Barton Hall", "Ithaca, NY"), ("Robert F. Kennedy Stadium", "Washington, DC"), ("Uptown Theatre", "Chicago, IL"),
        ("Capital Centre", "Landover, MD"), ("Civic Center", "Hartford, CT"), ("Kiel Auditorium", "St. Louis, MO"),
        ("Orpheum Theatre", "Boston, MA"), ("Academy of Music", "New York, NY"), ("Hollywood Palladium", "Hollywood, CA"),
        ("Pauley Pavilion, UCLA", "Los Angeles, CA"), ("Swing Auditorium", "San Bernardino, CA"), ("Jai-Alai Fronton", "Miami, FL"),
        ("Deer Creek Music Center", "Noblesville, IN"), ("Giants Stadium", "East Rutherford, NJ"), ("Soldier Field", "Chicago, IL"),
        ("Carrier Dome", "Syracuse, NY"), ("Richfield Coliseum", "Richfield, OH"), ("Veneta Fairgrounds", "Veneta, OR"),
        ("Avalon Ballroom", "San Francisco, CA"), ("Harpur College", "Binghamton, NY"), ("Dillon Stadium", "Hartford, CT"),
    ];

    private static readonly string[] Tapers = ["miller", "hollister", "wolfson", "bertha", "cribbs", "noyes", "seamons", "vernon"];
    private static readonly string[] Notes = [" (partial)", " [cut]", " *", " (1)", " >", " ->", " - ", ""];

    private readonly Random random;
    private readonly List<JsonObject> templates;
    private readonly string[] songs;
    private readonly string[] misspelled;

    public SyntheticShows(int seed, string fixtures)
    {
        random = new Random(seed);
        templates = Templates.Select(t => JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "archive-org", t)))!.AsObject()).ToList();
        songs = File.ReadAllLines(Path.Combine(fixtures, "matching", "grateful-dead-songs.txt")).Where(l => l.Length > 0).ToArray();
        misspelled = File.ReadAllLines(Path.Combine(fixtures, "matching", "grateful-dead-labeled.tsv")).Skip(1)
            .Select(l => l.Split('\t')[0]).Where(l => l.Length > 0).ToArray();
    }

    /// <summary>The <paramref name="index"/>th show: its identifier, the response body and the newest change stamp.</summary>
    public (string Identifier, byte[] Body, string Updated) Next(int index)
    {
        var template = templates[random.Next(100) < 60 ? 0 : 1];
        var date = new DateOnly(1965, 1, 1).AddDays(random.Next(30 * 365));
        var (venue, city) = Venues[random.Next(Venues.Length)];
        var source = random.Next(3) switch { 0 => "sbd", 1 => "aud", _ => "matrix" };
        var identifier = $"gd{date:yy-MM-dd}.{source}.{Tapers[random.Next(Tapers.Length)]}.{index:00000}.shnf";
        var stem = $"gd{date:yy-MM-dd}";
        var updated = $"{2004 + random.Next(18)}-{1 + random.Next(12):00}-{1 + random.Next(28):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}";

        var item = template.DeepClone().AsObject();
        var metadata = item["metadata"]!.AsObject();
        var titles = Enumerable.Range(0, 7 + random.Next(15)).Select(_ => Title()).ToList();
        metadata["identifier"] = identifier;
        metadata["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        metadata["year"] = date.Year.ToString(CultureInfo.InvariantCulture);
        metadata["venue"] = venue;
        metadata["coverage"] = city;
        metadata["title"] = $"Grateful Dead Live at {venue} on {date:yyyy-MM-dd}";
        metadata["description"] = string.Join(", ", titles);
        metadata["updatedate"] = updated;
        metadata.Remove("md5s");
        item["dir"] = $"/{random.Next(40)}/items/{identifier}";
        item["uniq"] = random.Next();
        item["created"] = 1_500_000_000 + random.Next(100_000_000);
        if (item["reviews"] is JsonArray reviews)
        {
            while (reviews.Count > 3)
            {
                reviews.RemoveAt(reviews.Count - 1);
            }
        }

        var files = item["files"]!.AsArray();
        var group = TrackGroup(files);
        var newFiles = new JsonArray();
        foreach (var file in files.Where(f => ItemLevelFormats.Contains((string?)f!["format"])))
        {
            var copy = file!.DeepClone().AsObject();
            var name = (string)copy["name"]!;
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            copy["name"] = name.StartsWith((string)template["metadata"]!["identifier"]!, StringComparison.Ordinal)
                ? identifier + name[((string)template["metadata"]!["identifier"]!).Length..]
                : stem + (dot >= 0 ? name[dot..] : ".txt");
            newFiles.Add(copy);
        }

        var discs = 1 + (titles.Count > 10 ? 1 : 0) + (titles.Count > 16 ? 1 : 0);
        for (var t = 0; t < titles.Count; t++)
        {
            var disc = 1 + t * discs / titles.Count;
            var trackName = $"{stem}d{disc}t{t + 1:00}";
            var seconds = 90 + random.Next(1200) + random.NextDouble();
            foreach (var file in group.Files)
            {
                var copy = file.DeepClone().AsObject();
                var name = (string)copy["name"]!;
                copy["name"] = trackName + name[group.Stem.Length..];
                if (copy["original"] is { } original)
                {
                    copy["original"] = trackName + ((string)original!)[group.Stem.Length..];
                }

                if (copy.ContainsKey("title"))
                {
                    copy["title"] = titles[t];
                }

                if (copy.ContainsKey("track"))
                {
                    copy["track"] = (t + 1).ToString(CultureInfo.InvariantCulture);
                }

                if (copy["length"] is { } length)
                {
                    copy["length"] = ((string)length!).Contains(':', StringComparison.Ordinal)
                        ? $"{(int)seconds / 60:00}:{(int)seconds % 60:00}"
                        : seconds.ToString("0.00", CultureInfo.InvariantCulture);
                }

                copy["md5"] = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()));
                copy["size"] = random.Next(1_000_000, 90_000_000).ToString(CultureInfo.InvariantCulture);
                newFiles.Add(copy);
            }
        }

        item["files"] = newFiles;
        item["files_count"] = newFiles.Count;
        return (identifier, JsonSerializer.SerializeToUtf8Bytes(item), updated);
    }

    /// <summary>The recorded item's first track: its original file and every file derived from it.</summary>
    private static (string Stem, List<JsonObject> Files) TrackGroup(JsonArray files)
    {
        var first = files.Select(f => f!.AsObject()).First(f => f.ContainsKey("track"));
        var original = (string?)first["original"] ?? (string)first["name"]!;
        var stem = original[..original.LastIndexOf('.')];
        return (stem, files.Select(f => f!.AsObject())
            .Where(f => ((string)f["name"]!).StartsWith(stem + ".", StringComparison.Ordinal) ||
                        ((string?)f["original"])?.StartsWith(stem + ".", StringComparison.Ordinal) == true)
            .ToList());
    }

    private string Title()
    {
        var roll = random.Next(100);
        var title = roll switch
        {
            < 72 => songs[random.Next(songs.Length)],
            < 90 => misspelled[random.Next(misspelled.Length)],
            < 96 => Misspell(songs[random.Next(songs.Length)]),
            _ => songs[random.Next(songs.Length)] + " > " + songs[random.Next(songs.Length)],
        };

        if (random.Next(10) == 0)
        {
            title += Notes[random.Next(Notes.Length)];
        }

        return random.Next(20) == 0 ? title.ToUpperInvariant() : title;
    }

    /// <summary>A typo a fan makes: a letter dropped, doubled or two swapped.</summary>
    private string Misspell(string name)
    {
        if (name.Length < 5)
        {
            return name;
        }

        var at = 1 + random.Next(name.Length - 2);
        return random.Next(3) switch
        {
            0 => name.Remove(at, 1),
            1 => name.Insert(at, name[at].ToString()),
            _ => string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2)),
        };
    }
}
