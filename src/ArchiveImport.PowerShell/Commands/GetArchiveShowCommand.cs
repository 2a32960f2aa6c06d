using System.Management.Automation;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveShow")]
[OutputType(typeof(Concert))]
public sealed class GetArchiveShowCommand : ShowFilterCmdlet
{
    protected override void ProcessRecord()
    {
        if (Query() is not { } query)
        {
            return;
        }

        var concerts = Services.Browser.Concerts(query);
        if (concerts.Count == 0)
        {
            ReportUnknownIdentifier();
        }

        foreach (var concert in concerts)
        {
            WriteObject(concert);
        }
    }
}
