using System.Management.Automation;
using ArchiveImport.Core.Logging;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Reads the rolling log under var/log back as entries, oldest first.</summary>
[Cmdlet(VerbsCommon.Get, "ArchiveLog")]
[OutputType(typeof(ArchiveLogEntry))]
public sealed class GetArchiveLogCommand : ArchiveCmdlet
{
    /// <summary>Only entries at or after this time (local unless given as UTC).</summary>
    [Parameter]
    public DateTime Since { get; set; }

    /// <summary>The lowest level to return: Warning returns warnings, errors and fatal entries.</summary>
    [Parameter]
    [ValidateSet("Verbose", "Debug", "Information", "Warning", "Error", "Fatal")]
    public string? Level { get; set; }

    /// <summary>Only the entries of this import run.</summary>
    [Parameter]
    public long RunId { get; set; }

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Artist { get; set; }

    /// <summary>Only the last this many of the entries that match.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    protected override bool UsesCatalog => false;

    protected override void ProcessRecord()
    {
        var query = new ArchiveLogQuery
        {
            Since = Bound(nameof(Since)) ? Since.ToUniversalTime() : null,
            MinimumLevel = Level,
            RunId = Bound(nameof(RunId)) ? RunId : null,
            Artist = Artist?.Trim(),
            Last = Bound(nameof(Last)) ? Last : null,
        };
        var reader = new ArchiveLogReader(Services.Settings.LogDirectory);
        WriteVerbose($"Reading the log files in {reader.Directory}.");
        foreach (var entry in reader.Read(query))
        {
            WriteObject(entry);
        }
    }

    private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
}
