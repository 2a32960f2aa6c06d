using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Update, "ArchiveDailyMetric", SupportsShouldProcess = true)]
[OutputType(typeof(DailyMetric))]
[RecordsActivity]
public sealed class UpdateArchiveDailyMetricCommand : AsyncArchiveCmdlet
{
    /// <summary>The UTC days to recompute; by default yesterday (now complete) and today (so far).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public DateTime[]? Date { get; set; }

    protected override void Process()
    {
        var today = DateOnly.FromDateTime(Services.Now);
        IEnumerable<DateOnly> days = Date is { Length: > 0 } ? Date.Select(MetricDays.Of).Distinct().Order() : [today.AddDays(-1), today];
        var aggregator = new DailyMetricAggregator(Services.Database);
        var reader = new DailyMetricReader(Services.Database);
        foreach (var day in days)
        {
            if (!ShouldProcess($"{day:yyyy-MM-dd} (UTC) in {Services.Database.Target.Display}", "Recompute the daily metrics"))
            {
                continue;
            }

            aggregator.Recompute(day, Services.Now);
            foreach (var metric in reader.Read(day, day))
            {
                WriteObject(metric);
            }
        }
    }
}
