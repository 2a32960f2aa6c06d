using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveHealth")]
[OutputType(typeof(HealthCheckResult))]
public sealed class GetArchiveHealthCommand : ArchiveCmdlet
{
    /// <summary>Only these checks, by id (see HealthRegistry); completes with Tab.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(HealthCheckCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Check { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(HealthCheckCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeCheck { get; set; }

    /// <summary>Only the checks with any of these tags.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(HealthCheckCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    /// <summary>Any failed check becomes a terminating error, so a scheduled task exits non-zero.</summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    protected override bool RequiresCurrentSchema => false;

    protected override bool ReportsUnavailableCatalog => true;

    protected override void BeginProcessing()
    {
        var unknown = (Check ?? []).Concat(ExcludeCheck ?? []).Where(id => HealthRegistry.Find(id) is null)
            .Concat((Tag ?? []).Where(tag => !HealthRegistry.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException(
                    $"Unknown health check or tag: {string.Join(", ", unknown)}. Checks: {string.Join(", ", HealthRegistry.Ids)}. " +
                    $"Tags: {string.Join(", ", HealthRegistry.Tags)}."),
                "UnknownHealthCheck", ErrorCategory.InvalidArgument, unknown));
        }

        base.BeginProcessing();
    }

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
        (ExcludeCheck is null || !ExcludeCheck.Contains(id, StringComparer.OrdinalIgnoreCase)) &&
        (Tag is not { Length: > 0 } || HealthRegistry.Find(id)!.Tags.Intersect(Tag, StringComparer.OrdinalIgnoreCase).Any());
}
