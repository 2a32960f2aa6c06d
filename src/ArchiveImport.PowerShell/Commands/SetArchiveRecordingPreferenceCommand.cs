using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>Makes a recording its concert's preferred one, or (-Clear) hands the choice back to the rules.</summary>
[Cmdlet(VerbsCommon.Set, "ArchiveRecordingPreference", SupportsShouldProcess = true)]
[OutputType(typeof(Recording))]
[RecordsActivity]
public sealed class SetArchiveRecordingPreferenceCommand : AsyncArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Identifier { get; set; } = "";

    [Parameter]
    public SwitchParameter Clear { get; set; }

    protected override string? ActivityTarget => Identifier;

    protected override void Process()
    {
        var action = Clear ? "Let the rules choose its concert's preferred recording again" : "Make it its concert's preferred recording";
        if (!ShouldProcess(Identifier, action))
        {
            return;
        }

        try
        {
            Services.RecordingPreferences.Set(Identifier, prefer: !Clear);
        }
        catch (KeyNotFoundException ex)
        {
            WriteProblem(ex, "RecordingNotFound", ProblemKind.NotFound, Identifier);
            return;
        }

        foreach (var recording in Services.Browser.Recordings(new ShowQuery(Identifier: Identifier)))
        {
            WriteObject(recording);
        }
    }
}
