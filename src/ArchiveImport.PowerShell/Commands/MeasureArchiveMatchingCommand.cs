using System.Management.Automation;
using ArchiveImport.Core.Matching.Benchmarking;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Measure, "ArchiveMatching")]
[OutputType(typeof(MatchingMeasurement))]
public sealed class MeasureArchiveMatchingCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(1, 10_000_000)]
    public int Tracks { get; set; } = 10_000;

    [Parameter(Position = 1)]
    [ValidateRange(1, 5_000_000)]
    public int CatalogSize { get; set; } = 50_000;

    [Parameter]
    public int Seed { get; set; } = 42;

    protected override void EndProcessing()
    {
        WriteVerbose($"Generating {CatalogSize} songs and {Tracks} raw titles from seed {Seed}, then timing each matching step.");
        foreach (var measurement in MatchingBenchmark.Run(Tracks, CatalogSize, Seed))
        {
            WriteObject(measurement);
        }
    }
}
