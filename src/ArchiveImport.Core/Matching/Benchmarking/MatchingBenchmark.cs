using System.Diagnostics;

namespace ArchiveImport.Core.Matching.Benchmarking;

/// <summary>One step of the matching pipeline, timed over every title that reached it.</summary>
public sealed class MatchingMeasurement
{
    public string Method { get; init; } = "";
    public int Tracks { get; init; }
    public double TotalMilliseconds { get; init; }
    public double MicrosecondsPerTrack => Tracks == 0 ? 0 : Math.Round(TotalMilliseconds * 1000 / Tracks, 3);
    public int CatalogSize { get; init; }
    public double? IndexBuildMilliseconds { get; init; }
    public long? IndexBytes { get; init; }
}

/// <summary>
/// The older system's benchmark-matching: each step of the pipeline timed on its own over the titles that reach it
/// (Normalize, Exact, Alias, Phonetic, Suggest), then the whole pipeline (Total) with the index build time and size.
/// Every pass runs once untimed first, then five timed runs give the median: warm code on one thread.
/// </summary>
public static class MatchingBenchmark
{
    public static IReadOnlyList<MatchingMeasurement> Run(int tracks, int catalogSize, int seed = 42)
    {
        var catalog = SyntheticCatalog.Songs(catalogSize, seed);
        var titles = SyntheticCatalog.Titles(catalog, tracks, seed + 1);
        return Run(catalog, titles);
    }

    public static IReadOnlyList<MatchingMeasurement> Run(ArtistConfig catalog, IReadOnlyList<string> titles)
    {
        TrackMatcher matcher = null!;
        var buildMilliseconds = Time(() => matcher = null!, () => matcher = new TrackMatcher(catalog));
        matcher = null!;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        matcher = new TrackMatcher(catalog);
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        var segments = new List<string>();
        var normalize = Time(() =>
        {
            segments.Clear();
            foreach (var title in titles)
            {
                foreach (var segment in TitleNormalizer.SplitSegments(title, out _))
                {
                    segments.Add(TitleNormalizer.Normalize(segment));
                }
            }
        });

        var unmatchedByExact = Filter(segments, key => !matcher.Names.TryFind(key, out _), out var exact);
        var unmatchedByAlias = Filter(unmatchedByExact, key => !matcher.Aliases.TryFind(key, out _), out var alias);
        var unmatchedBySound = Filter(unmatchedByAlias, key => matcher.Sounds.Find(key).Count == 0, out var phonetic);
        var suggest = Time(() =>
        {
            foreach (var key in unmatchedBySound)
            {
                matcher.Suggest(key);
            }
        });
        var total = Time(() =>
        {
            foreach (var title in titles)
            {
                matcher.Match(title);
            }
        });

        var size = catalog.Songs.Count;
        return
        [
            new() { Method = "Normalize", Tracks = titles.Count, TotalMilliseconds = normalize, CatalogSize = size },
            new() { Method = "Exact", Tracks = segments.Count, TotalMilliseconds = exact, CatalogSize = size },
            new() { Method = "Alias", Tracks = unmatchedByExact.Count, TotalMilliseconds = alias, CatalogSize = size },
            new() { Method = "Phonetic", Tracks = unmatchedByAlias.Count, TotalMilliseconds = phonetic, CatalogSize = size },
            new() { Method = "Suggest", Tracks = unmatchedBySound.Count, TotalMilliseconds = suggest, CatalogSize = size },
            new()
            {
                Method = "Total", Tracks = titles.Count, TotalMilliseconds = total, CatalogSize = size,
                IndexBuildMilliseconds = buildMilliseconds, IndexBytes = indexBytes,
            },
        ];
    }

    private static List<string> Filter(List<string> keys, Func<string, bool> keep, out double milliseconds)
    {
        var kept = new List<string>();
        milliseconds = Time(() =>
        {
            kept.Clear();
            foreach (var key in keys)
            {
                if (keep(key))
                {
                    kept.Add(key);
                }
            }
        });
        return kept;
    }

    private const int TimedRuns = 5;

    /// <summary>Runs once to warm up, then times five runs and reports the median (a shared 2-core machine is noisy).</summary>
    private static double Time(Action pass) => Time(() => { }, pass);

    private static double Time(Action reset, Action pass)
    {
        pass();
        var times = new double[TimedRuns];
        for (var i = 0; i < TimedRuns; i++)
        {
            reset();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            pass();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return Math.Round(times[TimedRuns / 2], 3);
    }
}
