using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>One artist at a glance (the older archivedotorg:status): what was listed, downloaded and populated, how well it matched, its last runs.</summary>
public sealed class ArtistStatus
{
    public string Artist { get; init; } = "";

    /// <summary>How many shows archive.org listed at the last download; null before any.</summary>
    public int? ShowsListed { get; init; }

    public int ShowsDownloaded { get; init; }
    public int ShowsNotImportable { get; init; }
    public int ShowsPopulated { get; init; }
    public int Tracks { get; init; }
    public int TracksMatched { get; init; }
    public int TracksUnmatched { get; init; }
    public decimal MatchRate { get; init; }

    /// <summary>Distinct titles that matched no song and are not resolved yet.</summary>
    public int UnmatchedTitles { get; init; }

    public ImportRun? LastDownload { get; init; }
    public ImportRun? LastPopulate { get; init; }

    /// <summary>The run going on now, if any.</summary>
    public ImportRun? ActiveRun { get; init; }

    public bool IsRunning => ActiveRun is not null;
}

/// <summary>Builds <see cref="ArtistStatus"/> for every artist the configs or the catalog know, in three queries.</summary>
public sealed class StatusReport
{
    private readonly ArchiveServices services;

    public StatusReport(ArchiveServices services) => this.services = services;

    /// <param name="artists">Names as the catalog knows them; null for every configured or catalogued artist.</param>
    public IReadOnlyList<ArtistStatus> For(IReadOnlyList<string>? artists)
    {
        var overview = new ArtistOverviewRepository(services.Database);
        var counts = overview.Counts().ToDictionary(c => c.Artist, StringComparer.Ordinal);
        var latest = overview.LatestRuns();
        var runs = latest.Count == 0
            ? new Dictionary<long, ImportRun>()
            : services.Runs.Find(new RunFilter(Ids: latest.Select(l => l.RunId).ToList())).ToDictionary(r => r.Id);
        var running = services.Runs.Running();

        var names = artists ?? services.ArtistConfigs.ArtistNames().Concat(counts.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return names.Select(name =>
        {
            var c = counts.GetValueOrDefault(name);
            ImportRun? Last(string type) => c is null
                ? null
                : latest.Where(l => l.ArtistId == c.ArtistId && l.Type == type).Select(l => runs.GetValueOrDefault(l.RunId)).FirstOrDefault();
            var lastDownload = Last(ImportRunRepository.TypeName(ImportKind.Download));
            return new ArtistStatus
            {
                Artist = name,
                ShowsListed = lastDownload?.ShowsTotal,
                ShowsDownloaded = c?.ShowsDownloaded ?? 0,
                ShowsNotImportable = c?.ShowsNotImportable ?? 0,
                ShowsPopulated = c?.ShowsPopulated ?? 0,
                Tracks = c?.Tracks ?? 0,
                TracksMatched = c?.TracksMatched ?? 0,
                TracksUnmatched = c?.TracksUnmatched ?? 0,
                MatchRate = c?.MatchRate ?? 0,
                UnmatchedTitles = c?.UnmatchedTitles ?? 0,
                LastDownload = lastDownload,
                LastPopulate = Last(ImportRunRepository.TypeName(ImportKind.Populate)),
                ActiveRun = running.LastOrDefault(r => r.Artist == name),
            };
        }).ToList();
    }
}
