using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Matching.Benchmarking;
using BenchmarkDotNet.Attributes;

namespace ArchiveImport.Benchmarks;

/// <summary>The matching hot paths, per call, on the synthetic 50,000-song catalogue and 10,000 noisy titles.</summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private ArtistConfig catalog = null!;
    private IReadOnlyList<string> titles = null!;
    private string[] normalized = null!;
    private TrackMatcher matcher = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        catalog = SyntheticCatalog.Songs(50_000);
        titles = SyntheticCatalog.Titles(catalog, 10_000);
        normalized = titles.Select(TitleNormalizer.Normalize).ToArray();
        matcher = new TrackMatcher(catalog);
    }

    [Benchmark(Description = "TitleNormalizer.Normalize (one raw title)")]
    public string Normalize() => TitleNormalizer.Normalize(titles[Next()]);

    [Benchmark(Description = "DoubleMetaphone.EncodePhrase (one normalised title)")]
    public MetaphoneKeys Encode() => DoubleMetaphone.EncodePhrase(normalized[Next()]);

    [Benchmark(Description = "TrackMatcher.Match (one raw title, full pipeline)")]
    public TitleMatch Match() => matcher.Match(titles[Next()]);

    [Benchmark(Description = "new TrackMatcher (50,000 songs)")]
    public TrackMatcher BuildIndex() => new(catalog);

    private int Next() => next = (next + 1) % titles.Count;
}
