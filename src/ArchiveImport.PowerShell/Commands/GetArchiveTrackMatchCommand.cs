using System.Management.Automation;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "ArchiveTrackMatch")]
[OutputType(typeof(TrackMatchReport))]
public sealed class GetArchiveTrackMatchCommand : ArchiveCmdlet
{
    private TrackMatcher? matcher;
    private string artistName = "";

    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Artist { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TrackName")]
    [AllowEmptyString]
    public string[] Title { get; set; } = [];

    protected override bool UsesCatalog => false;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            var config = Services.RequireArtist(Artist);
            artistName = config.Name;
            matcher = new TrackMatcher(config);
        }
        catch (Exception ex) when (ex is Core.ArtistNotConfiguredException or Core.ArtistConfigs.ArtistConfigException)
        {
            Terminate(ex, ex is Core.ArtistNotConfiguredException ? "ArtistNotConfigured" : "InvalidArtistConfig", ErrorCategory.ObjectNotFound, Artist);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var title in Title)
        {
            WriteObject(TrackMatchReport.From(artistName, matcher!.Match(title)));
        }
    }
}
