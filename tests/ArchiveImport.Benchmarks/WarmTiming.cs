using System.Diagnostics;

namespace ArchiveImport.Benchmarks;

/// <summary>How the benchmarks time a warm call: once to warm up, then the median of several.</summary>
internal static class WarmTiming
{
    /// <summary>The median milliseconds of <paramref name="times"/> calls after one unmeasured call.</summary>
    public static double Median(Action action, int times = 7)
    {
        action();
        var samples = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return samples[times / 2];
    }
}
