namespace ArchiveImport.Core.Operations;

/// <summary>Each artist's share of tracks matched to a song.</summary>
public sealed class MatchRateCheck : HealthCheck
{
    public override string Id => "match-rate";
    public override string Name => "Match rate";
    public override string Description => "One result per artist with populated tracks; fails below minMatchRate percent.";
    public override IReadOnlyList<string> Tags => ["matching"];
    public override IReadOnlyList<string> Thresholds => ["minMatchRate"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var minimum = context.Services.Settings.Health.MinMatchRate;
        var statuses = context.Services.Catalog.ArtistStatuses().Where(s => s.TracksMatched + s.TracksUnmatched > 0).ToList();
        if (statuses.Count == 0)
        {
            yield return Result(context, HealthStatus.Pass, "No artist has populated tracks yet.", null, minimum);
        }

        foreach (var artist in statuses)
        {
            yield return (double)artist.MatchRate >= minimum
                ? Result(context, HealthStatus.Pass, $"{artist.MatchRate:0.00} % of {artist.Artist}'s tracks matched a song.", artist.MatchRate, minimum, artist.Artist)
                : Result(context, HealthStatus.Fail,
                    $"Only {artist.MatchRate:0.00} % of {artist.Artist}'s tracks matched a song ({artist.TracksUnmatched} unmatched). " +
                    $"Review Get-ArchiveUnmatched -Artist '{artist.Artist}', add aliases to its YAML config, then populate again.",
                    artist.MatchRate, minimum, artist.Artist);
        }
    }
}
