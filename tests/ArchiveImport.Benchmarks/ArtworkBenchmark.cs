using System.Diagnostics;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// Get-ArchiveArtwork and the override cmdlets on the scale catalog, each warm, median of 7: one recording by each rule,
/// the artist's 500 overrides, and setting and removing one. The artist's songs are spread over 20 studio albums first.
/// </summary>
internal static class ArtworkBenchmark
{
    private const int Overrides = 500;

    public static void Measure(string engine, ArchiveServices services, string artist)
    {
        var config = services.RequireArtist(artist);
        var artistId = services.Artists.Find(artist)!.Value;
        var songIds = services.Catalog.SyncSongs(artistId, config.Songs);
        var albums = config.Songs.Chunk(Math.Max(1, config.Songs.Count / 20))
            .Select((songs, i) => new StudioAlbum($"Album {i + 1}", 1967 + i, $"https://covers.example.org/{i + 1}.jpg", songs.Select(s => s.Key).ToList()))
            .ToList();
        var sync = Stopwatch.StartNew();
        services.StudioAlbums.Sync(artistId, albums, songIds, services.Now);
        Console.WriteLine($"[{engine}] studio albums: {albums.Count} albums of {config.Songs.Count} songs synced in {sync.Elapsed.TotalMilliseconds:0.0} ms; " +
                          $"again, nothing changed: {WarmTiming.Median(() => services.StudioAlbums.Sync(artistId, albums, songIds, services.Now)):0.00} ms");

        var identifiers = services.Browser.Recordings(new ShowQuery([artist], Year: 1977)).Select(r => r.Identifier).ToList();
        foreach (var identifier in services.Browser.Recordings(new ShowQuery([artist])).Take(Overrides).Select(r => r.Identifier))
        {
            services.Artwork.Set(identifier, $"https://images.example.org/{identifier}.jpg", "benchmark", services.Now);
        }

        var resolver = new ArtworkResolver(services, _ => { }, message => Console.WriteLine($"[{engine}]   warning: {message}"));
        var withOverride = services.Artwork.ForArtists([artist])[0].Identifier;
        var byRule = identifiers.Select(id => resolver.Resolve(id)!).GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => g.First().Identifier);
        var queries = new List<(string Name, Action Run)>
        {
            ($"Get-ArchiveArtwork (Override)", () => resolver.Resolve(withOverride)),
            ("Get-ArchiveArtwork -Artist (500 overrides)", () => resolver.Overrides([artist]).ToList()),
            ("Set-ArchiveArtworkOverride", () => services.Artwork.Set(withOverride, "https://images.example.org/again.jpg", null, services.Now)),
            ("Remove + Set-ArchiveArtworkOverride", () =>
            {
                services.Artwork.Remove(withOverride);
                services.Artwork.Set(withOverride, "https://images.example.org/again.jpg", null, services.Now);
            }),
        };
        queries.AddRange(byRule.Select(rule => ($"Get-ArchiveArtwork ({rule.Key})", (Action)(() => resolver.Resolve(rule.Value)))));
        foreach (var (name, run) in queries)
        {
            Console.WriteLine($"[{engine}]   {name}: {WarmTiming.Median(run):0.00} ms warm (median of 7)");
        }

        // The synthetic items carry no image files of their own; the recorded RFK item (104 KB, 136 files) does.
        var rfk = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"));
        Console.WriteLine($"[{engine}]   ItemImage.Find on the recorded RFK item ({rfk.Length / 1024} KB, {ItemImage.Find(rfk)}): " +
                          $"{WarmTiming.Median(() => ItemImage.Find(rfk)):0.00} ms warm (median of 7)");

        var year = Stopwatch.StartNew();
        var count = identifiers.Count(id => resolver.Resolve(id) is not null);
        Console.WriteLine($"[{engine}]   Get-ArchiveRecording -Year 1977 | Get-ArchiveArtwork: {count} recordings in {year.Elapsed.TotalMilliseconds:0} ms " +
                          $"({string.Join(", ", identifiers.Select(id => resolver.Resolve(id)!.Rule).GroupBy(r => r).Select(g => $"{g.Key} {g.Count()}"))})");
    }
}
