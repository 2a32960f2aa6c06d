using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveHealth")]
[OutputType(typeof(HealthCheckResult))]
public sealed class GetArchiveHealthCommand : ArchiveCmdlet
{
    [Parameter(Position = 0)]
    [ValidateSet("database", "schema", "active-imports", "dead-runs", "failed-imports-24h", "match-rate", "unmatched-count", "metadata-disk", "locks", "artist-configs")]
    public string[]? Check { get; set; }

    [Parameter]
    [ValidateSet("database", "schema", "active-imports", "dead-runs", "failed-imports-24h", "match-rate", "unmatched-count", "metadata-disk", "locks", "artist-configs")]
    public string[]? ExcludeCheck { get; set; }

    /// <summary>Any failed check becomes a terminating error, so a scheduled task exits non-zero.</summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    protected override bool RequiresCurrentSchema => false;

    protected override bool ReportsUnavailableCatalog => true;

    protected override void EndProcessing()
    {
        var failed = new List<HealthCheckResult>();
        foreach (var result in new HealthService(Services).Run(Include))
        {
            if (result.Status == HealthStatus.Fail)
            {
                failed.Add(result);
            }

            WriteObject(result);
        }

        if (FailOnError && failed.Count > 0)
        {
            Terminate(
                new InvalidOperationException(
                    $"{failed.Count} health check(s) failed: {string.Join("; ", failed.Select(f => $"{f.Id}{(f.Target is null ? "" : $" ({f.Target})")}: {f.Message}"))}"),
                "HealthCheckFailed", ErrorCategory.InvalidResult, failed);
        }
    }

    private bool Include(string id) =>
        (Check is not { Length: > 0 } || Check.Contains(id, StringComparer.OrdinalIgnoreCase)) &&
        (ExcludeCheck is null || !ExcludeCheck.Contains(id, StringComparer.OrdinalIgnoreCase));
}
