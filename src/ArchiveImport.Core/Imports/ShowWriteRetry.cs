using ArchiveImport.Core.ArchiveOrg;
using Polly;
using Polly.Retry;

namespace ArchiveImport.Core.Imports;

/// <summary>
/// Writes one show's rows again when the database rolled them back for another transaction (a lock wait timeout or a
/// deadlock, <see cref="Storage.CatalogDatabase.IsTransient"/>): twice more, after a short jittered pause. Whatever still
/// fails is the show's failure, reported with its name.
/// </summary>
internal sealed class ShowWriteRetry
{
    public const int MaxRetries = 2;
    private static readonly ResiliencePropertyKey<string> Show = new("ArchiveImport.Show");
    private readonly ResiliencePipeline pipeline;

    public ShowWriteRetry(ArchiveServices services, long runId, Action<string> notice)
    {
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetries,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(services.Database.IsTransient),
                OnRetry = args =>
                {
                    var show = args.Context.Properties.TryGetValue(Show, out var identifier) ? identifier : "?";
                    notice($"Run {runId}, show {show}: the catalog database rolled the show's write back " +
                        $"({services.Database.Describe(args.Outcome.Exception!)}); retry {args.AttemptNumber + 1} of {MaxRetries} in {args.RetryDelay.TotalSeconds:0.##} s.");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public void Write(string identifier, Action write)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(Show, ArchiveIdentifier.Printable(identifier));
        try
        {
            pipeline.Execute(_ => write(), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
