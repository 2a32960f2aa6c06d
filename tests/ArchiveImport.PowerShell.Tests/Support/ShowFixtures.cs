using System.Text.RegularExpressions;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>Many shows for one collection of the fake archive.org, made from the recorded metadata fixtures.</summary>
public static partial class ShowFixtures
{
    private static readonly string[] Bodies =
    [
        "gd73-06-10.sbd.hollister.174.sbeok.shnf.json",
        "gd70-10-23.aud.wolfson.15080.sbefail.shnf.json",
        "ymsb2006-07-03.flac16.json",
    ];

    public static string Body(string fixture) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", fixture));

    /// <summary>
    /// Adds <paramref name="count"/> shows named <c>{prefix}.NNN</c> to <paramref name="collection"/>: the recorded
    /// Grateful Dead and Yonder Mountain shows in turn, every 25th one a recorded item without audio (not importable).
    /// Each show's venue is made its own, so no two shows' rows are alike.
    /// </summary>
    public static IReadOnlyList<string> Add(FakeArchiveOrg archive, string collection, string prefix, int count)
    {
        var bodies = Bodies.Select(Body).ToArray();
        var notImportable = Body("AboutBan1935.json");
        var identifiers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var identifier = $"{prefix}.{i:000}";
            var body = i % 25 == 24
                ? notImportable
                : Venue().Replace(bodies[i % bodies.Length], m => m.Value + $"#{i:000} ", 1);
            archive.AddItem(identifier, body, collection);
            identifiers.Add(identifier);
        }

        return identifiers;
    }

    [GeneratedRegex("\"venue\":\\s*\"")]
    private static partial Regex Venue();

    /// <summary>Another artist with the Grateful Dead's songs, listed in its own archive.org collection.</summary>
    public static void AddArtistCopy(TestHome home, string name, string collection)
    {
        var text = File.ReadAllText(Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml"))
            .Replace("name: Grateful Dead", $"name: {name}", StringComparison.Ordinal)
            .Replace("collection: GratefulDead", $"collection: {collection}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(home.ArtistConfigDirectory, name.ToLowerInvariant().Replace(' ', '-') + ".yaml"), text);
    }
}
