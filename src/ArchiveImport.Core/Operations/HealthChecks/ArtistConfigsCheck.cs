namespace ArchiveImport.Core.Operations;

/// <summary>Every artist config loads and validates.</summary>
public sealed class ArtistConfigsCheck : HealthCheck
{
    public override string Id => "artist-configs";
    public override string Name => "Artist configs valid";
    public override string Description => "Every YAML file in config/artists loads and validates; one failure per broken file, naming it.";
    public override IReadOnlyList<string> Tags => ["config"];
    public override HealthNeeds Needs => HealthNeeds.Files; // the configs live in files: checked even without a catalog

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var configs = context.Services.ArtistConfigs;
        var (usable, problems) = configs.Survey();
        if (problems.Count == 0)
        {
            yield return Result(context, HealthStatus.Pass, $"All {usable.Count} artist config(s) in {configs.Directory} load and validate.",
                usable.Count, target: configs.Directory);
            yield break;
        }

        foreach (var problem in problems)
        {
            yield return Result(context, HealthStatus.Fail, problem.Message, target: problem.FilePath);
        }
    }
}
