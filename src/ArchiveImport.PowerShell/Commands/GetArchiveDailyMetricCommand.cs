using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveDailyMetric")]
[OutputType(typeof(DailyMetric))]
public sealed class GetArchiveDailyMetricCommand : ArchiveCmdlet
{
    /// <summary>The first UTC day; by default 30 days before -To.</summary>
    [Parameter]
    public DateTime From { get; set; }

    /// <summary>The last UTC day; by default today.</summary>
    [Parameter]
    public DateTime To { get; set; }

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Artist { get; set; }

    protected override void ProcessRecord()
    {
        var artists = ConfiguredNames(Artist);
        if (artists is { Count: 0 })
        {
            return; // every name given was unknown, and each is reported
        }

        var (from, to) = MetricDays.Range(Bound(nameof(From), From), Bound(nameof(To), To), Services.Now);
        foreach (var metric in new DailyMetricReader(Services.Database).Read(from, to, artists))
        {
            WriteObject(metric);
        }
    }

    private DateTime? Bound(string name, DateTime value) => MyInvocation.BoundParameters.ContainsKey(name) ? value : null;
}
