using System.Management.Automation;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Export, "ArchiveDashboard", SupportsShouldProcess = true)]
[OutputType(typeof(DashboardReport))]
public sealed class ExportArchiveDashboardCommand : ArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The first UTC day the charts show; by default 30 days before -To.</summary>
    [Parameter]
    public DateTime From { get; set; }

    /// <summary>The last UTC day the charts show; by default today.</summary>
    [Parameter]
    public DateTime To { get; set; }

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var (from, to) = MetricDays.Range(Bound(nameof(From), From), Bound(nameof(To), To), Services.Now);
        if (from > to)
        {
            Terminate(new ArgumentException($"-From ({from:yyyy-MM-dd}) is after -To ({to:yyyy-MM-dd}). Give a -From on or before -To."),
                "InvalidDateRange", ErrorCategory.InvalidArgument, from);
            return;
        }

        if (!Directory.Exists(System.IO.Path.GetDirectoryName(path)))
        {
            Terminate(new DirectoryNotFoundException($"The folder of {path} does not exist. Create it (New-Item -ItemType Directory) or give another -Path."),
                "DashboardFolderMissing", ErrorCategory.ObjectNotFound, path);
            return;
        }

        if (ShouldProcess(path, $"Write the dashboard for {from:yyyy-MM-dd} to {to:yyyy-MM-dd}"))
        {
            WriteObject(new DashboardExporter(Services).Export(path, from, to));
        }
    }

    private DateTime? Bound(string name, DateTime value) => MyInvocation.BoundParameters.ContainsKey(name) ? value : null;
}
