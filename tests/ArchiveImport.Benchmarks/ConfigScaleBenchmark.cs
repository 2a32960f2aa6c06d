using System.Diagnostics;
using System.Globalization;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Testing.ArtistConfigs;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// Times loading a generated artist YAML file (parse + validate) and building the matcher from it, at several sizes,
/// so the growth with the number of songs shows: a linear path doubles when the songs double. "parse s" is YamlDotNet
/// alone (a part of "load s", measured separately); "load s" is ArtistConfigStore.Load (parse, read, validate).
/// </summary>
internal static class ConfigScaleBenchmark
{
    public static void Run(IReadOnlyList<int> sizes, bool numbered)
    {
        var folder = Path.Combine(Path.GetTempPath(), "archiveimport-configscale-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            // Warm the code paths once on a small file, so the first size does not carry the JIT.
            Measure(LargeArtistYaml.Write(Path.Combine(folder, "warmup.yaml"), 2_000, numbered: numbered), numbered);
            Console.WriteLine(numbered ? "songs named 'Jam <n>' (all sound alike)" : "songs named from distinct words");
            Console.WriteLine($"{"songs",8} {"file MB",8} {"parse s",8} {"load s",8} {"matcher s",10} {"total s",8} {"allocated MB",13} {"peak WS MB",11}");
            foreach (var songs in sizes)
            {
                var path = LargeArtistYaml.Write(Path.Combine(folder, $"large-{songs}.yaml"), songs, numbered: numbered);
                var (parse, load, build, allocated, result) = Measure(path, numbered);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{songs,8:N0} {new FileInfo(path).Length / 1048576.0,8:0.0} {parse,8:0.000} {load,8:0.000} {build,10:0.000} {load + build,8:0.000} {allocated / 1048576.0,13:N0} {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,11:N0}  {result}"));
                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Parse, double Load, double Build, long Allocated, string Result) Measure(string path, bool numbered)
    {
        GC.Collect();
        var parseClock = Stopwatch.StartNew();
        using (var reader = File.OpenText(path))
        {
            new YamlDotNet.RepresentationModel.YamlStream().Load(reader);
        }

        var parse = parseClock.Elapsed.TotalSeconds;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        ArtistConfig config;
        try
        {
            config = ArtistConfigStore.Load(path);
        }
        catch (ArtistConfigException exception)
        {
            return (parse, clock.Elapsed.TotalSeconds, 0, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, "rejected: " + exception.Problem);
        }

        var load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var matcher = new TrackMatcher(config);
        var build = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // A check that the file means what it says: the last song matches by name and by alias.
        var last = config.Songs.Count - 1;
        var ok = matcher.Match(LargeArtistYaml.SongName(last, numbered)).Segments[0].Song?.Key == LargeArtistYaml.Key(last)
            && matcher.Match(LargeArtistYaml.Alias(last, numbered)).Segments[0].Song?.Key == LargeArtistYaml.Key(last);
        return (parse, load, build, allocated, ok ? "matches" : "WRONG MATCH");
    }
}
