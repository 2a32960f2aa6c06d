using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveRecording")]
[OutputType(typeof(Recording))]
public sealed class GetArchiveRecordingCommand : ShowFilterCmdlet
{
    protected override void ProcessRecord()
    {
        if (Query() is not { } query)
        {
            return;
        }

        var recordings = Services.Browser.Recordings(query);
        if (recordings.Count == 0)
        {
            ReportUnknownIdentifier();
        }

        foreach (var recording in recordings)
        {
            WriteObject(recording);
        }
    }
}
