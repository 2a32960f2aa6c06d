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

    // Parameters of this assembly's or the framework's types only: the engine reflects over them when the module is
    // imported, before the module's load context can resolve ArchiveImport.Core.
    [Parameter]
    [ValidateSet("Json", "Csv", "JUnit", "Prometheus")]
    public string? Format { get; set; }

    /// <summary>Results from Get-ArchiveHealth; without them every check is run.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject[]? InputObject { get; set; }

    protected override bool RequiresCurrentSchema => false;

    protected override bool ReportsUnavailableCatalog => true;

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject ?? [])
        {
            if (item.BaseObject is HealthCheckResult result)
            {
                piped.Add(result);
            }
            else
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"Export-ArchiveHealth takes results of Get-ArchiveHealth; a {item.BaseObject.GetType().Name} was piped in and is left out."),
                    "NotAHealthResult", ErrorCategory.InvalidType, item));
            }
        }
    }

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if ((Format is null ? HealthExport.FormatOf(path) : Enum.Parse<HealthExportFormat>(Format, ignoreCase: true)) is not { } format)
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
        WriteObject(new HealthExportFile(path, format.ToString(), results.Count,
            results.Count(r => r.Status == HealthStatus.Fail), results.Count(r => r.Status == HealthStatus.Warning)));
    }
}

/// <summary>What Export-ArchiveHealth wrote: the file, its format and how many results of each verdict.</summary>
/// <remarks>Of this assembly's and the framework's types only: the engine loads it with the module, before ArchiveImport.Core resolves.</remarks>
public sealed record HealthExportFile(string Path, string Format, int Results, int Failed, int Warnings);
