using System.Globalization;
using System.Management.Automation;
using ArchiveImport.Core.Logging;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Removes the log files under var/log of days more than -OlderThan days ago.</summary>
[Cmdlet(VerbsCommon.Remove, "ArchiveLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ArchiveLogRemoval))]
[RecordsActivity]
public sealed class RemoveArchiveLogCommand : AsyncArchiveCmdlet
{
    /// <summary>Removes the files of days more than this many days before today (local time, as the files are named).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(1, 36500)]
    public int OlderThan { get; set; }

    protected override bool UsesCatalog => false;

    protected override void End()
    {
        var before = DateTime.Now.Date.AddDays(-OlderThan);
        var retention = new ArchiveLogRetention(Services.Settings.LogDirectory);
        var removed = 0;
        var bytes = 0L;
        foreach (var file in retention.FilesBefore(before))
        {
            if (!ShouldProcess(file.FullName, $"Remove the log file of {ArchiveLog.DayOf(file.FullName):yyyy-MM-dd} ({file.Length:N0} bytes)"))
            {
                continue;
            }

            try
            {
                var length = file.Length;
                file.Delete();
                removed++;
                bytes += length;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(
                    new IOException($"The log file {file.FullName} could not be removed: {ex.Message} Check its permissions, then run Remove-ArchiveLog again.", ex),
                    "LogFileNotRemoved", ErrorCategory.WriteError, file.FullName));
            }
        }

        WriteObject(new ArchiveLogRemoval(retention.Directory, before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), removed, bytes));
    }
}

/// <summary>
/// What Remove-ArchiveLog removed from <see cref="Directory"/>: the files of days before <see cref="Before"/> (a yyyy-MM-dd
/// day as the files are named, in the writers' local time).
/// </summary>
public sealed record ArchiveLogRemoval(string Directory, string Before, int Removed, long Bytes);
