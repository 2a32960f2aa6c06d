using System.Management.Automation;
using System.Text;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsData.Export, "ArchiveHealth", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(HealthExportFile))]
public sealed class ExportArchiveHealthCommand : ArchiveCmdlet
{
    private readonly List<HealthCheckResult> piped = [];

    /// <summary>The file to write; its extension (.json, .csv, .xml, .prom) gives the format unless -Format does.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public HealthExportFormat Format { get; set; }

    /// <summary>Results from Get-ArchiveHealth; without them every check is run.</summary>
    [Parameter(ValueFromPipeline = true)]
    public HealthCheckResult[]? InputObject { get; set; }

    protected override bool RequiresCurrentSchema => false;

    protected override bool ReportsUnavailableCatalog => true;

    protected override void ProcessRecord() => piped.AddRange(InputObject ?? []);

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if ((MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : HealthExport.FormatOf(path)) is not { } format)
        {
            Terminate(new ArgumentException(
                    $"The format of {path} is not known from its extension. Use .json, .csv, .xml (JUnit) or .prom (Prometheus), or give -Format."),
                "UnknownHealthExportFormat", ErrorCategory.InvalidArgument, path);
            return;
        }

        if (System.IO.Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            Terminate(new DirectoryNotFoundException($"The folder {folder} does not exist. Create it first, or give another -Path."),
                "ExportFolderMissing", ErrorCategory.ObjectNotFound, path);
            return;
        }

        var results = piped.Count > 0 ? piped : new HealthService(Services).Run().ToList();
        if (!ShouldProcess(path, $"Write {results.Count} health result(s) as {format}"))
        {
            return;
        }

        // Whole or not at all: node_exporter's textfile collector may read the file at any moment.
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(HealthExport.Render(results, format, Services.Now)));
        WriteObject(new HealthExportFile(path, format, results.Count,
            results.Count(r => r.Status == HealthStatus.Fail), results.Count(r => r.Status == HealthStatus.Warning)));
    }
}

/// <summary>What Export-ArchiveHealth wrote: the file, its format and how many results of each verdict.</summary>
public sealed record HealthExportFile(string Path, HealthExportFormat Format, int Results, int Failed, int Warnings);
