using System.Diagnostics;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Runs the checks of <see cref="HealthRegistry"/> (the older status, weekly health-check and monitoring scripts) with
/// what they share gathered once. An unreachable database is one failed 'database' check, not a cascade: the checks
/// that need the catalog are left out, and those that read files only still run. Each result carries its check's duration.
/// </summary>
public sealed class HealthService
{
    private readonly ArchiveServices services;

    public HealthService(ArchiveServices services) => this.services = services;

    /// <param name="include">Which checks to run, by id; null for all.</param>
    public IEnumerable<HealthCheckResult> Run(Func<string, bool>? include = null)
    {
        var context = new HealthContext(services);
        foreach (var check in HealthRegistry.All)
        {
            // The catalog's failure is always reported: whatever was asked for cannot be answered without it.
            var reportsUnreachable = check is DatabaseCheck && context.Unreachable is not null;
            if (!reportsUnreachable && (include?.Invoke(check.Id) == false || !context.CanRun(check)))
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            var results = check.Run(context).ToList();
            var duration = watch.Elapsed;
            foreach (var result in results)
            {
                yield return result with { Duration = duration };
            }
        }
    }
}
