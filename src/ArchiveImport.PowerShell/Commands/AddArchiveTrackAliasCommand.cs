using System.Management.Automation;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsCommon.Add, "ArchiveTrackAlias", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AliasResult), typeof(PopulateResult))]
[RecordsActivity]
public sealed class AddArchiveTrackAliasCommand : AsyncArchiveCmdlet
{
    private readonly List<(string Artist, string Song, string Alias)> requests = [];
    private PopulateJob? populate;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Artist { get; set; } = "";

    /// <summary>The song's key or name; from Get-ArchiveUnmatched it is the suggested match.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("SuggestedMatch")]
    [ValidateNotNullOrEmpty]
    public string Song { get; set; } = "";

    /// <summary>The title to accept as this song; from Get-ArchiveUnmatched it is the normalised title.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("NormalizedName")]
    [ValidateNotNullOrEmpty]
    public string[] Alias { get; set; } = [];

    /// <summary>Re-populate the shows that held the newly matched titles.</summary>
    [Parameter]
    public SwitchParameter Populate { get; set; }

    protected override int ActivityId => ActivityIds.Populate;

    protected override void Process()
    {
        foreach (var alias in Alias)
        {
            requests.Add((Artist, Song, alias.Trim()));
        }
    }

    protected override void End()
    {
        foreach (var group in requests.GroupBy(r => r.Artist, StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                AddForArtist(group.Key, group.Select(r => (r.Song, r.Alias)).ToList());
            }
            catch (Exception ex) when (TryWriteArtistProblem(ex, group.Key))
            {
                // Reported; the other artists' aliases are still added.
            }
        }
    }

    private void AddForArtist(string artistName, IReadOnlyList<(string Song, string Alias)> wanted)
    {
        var artist = Services.RequireArtist(artistName);
        var additions = new List<AliasAddition>();
        foreach (var (song, alias) in wanted)
        {
            var key = artist.Songs.FirstOrDefault(s => s.Key.Equals(song, StringComparison.OrdinalIgnoreCase) || s.Name.Equals(song, StringComparison.OrdinalIgnoreCase))?.Key
                ?? song; // an unknown song is refused by the writer, with the closest keys
            if (ShouldProcess(artist.SourcePath, $"Add alias '{alias}' to song '{key}'"))
            {
                additions.Add(new AliasAddition(key, alias));
            }
        }

        if (additions.Count == 0)
        {
            return;
        }

        var added = ArtistConfigWriter.AddAliases(artist.SourcePath, additions);
        var artistId = Services.Artists.Find(artist.Name);
        var titles = additions.Select(a => TitleNormalizer.Normalize(a.Alias)).Where(t => t.Length > 0).Distinct().ToList();
        var shows = artistId is { } id ? Services.Catalog.ShowsWithUnmatched(id, titles) : [];
        foreach (var addition in additions)
        {
            // Each alias counts the unmatched titles it resolved itself, not the number of aliases asked for.
            var title = TitleNormalizer.Normalize(addition.Alias);
            var resolved = artistId is { } resolvedId && title.Length > 0 ? Services.Catalog.MarkResolved(resolvedId, [title]) : 0;
            WriteObject(new AliasResult
            {
                Artist = artist.Name, Song = addition.SongKey, Alias = addition.Alias, ConfigPath = artist.SourcePath,
                Added = added.Any(a => a.SongKey == addition.SongKey && a.Alias.Equals(addition.Alias, StringComparison.OrdinalIgnoreCase)),
                Resolved = resolved,
            });
        }

        if (Populate && shows.Count > 0)
        {
            RepopulateShows(artist.Name, shows);
        }
        else if (shows.Count > 0)
        {
            WriteVerbose($"{shows.Count} show(s) hold these titles; run Invoke-ArchivePopulate -Artist '{artist.Name}' (or add -Populate) to match them.");
        }
    }

    private void RepopulateShows(string artist, IReadOnlyList<string> shows)
    {
        // The aliases' ShouldProcess covered these shows; the runs end with the cmdlet (EndRuns), whichever way it ends.
        var job = populate ??= new PopulateJob(Services, Reporter);
        Run(cancellation => job.Populate(artist, shows, cancellation.Token));
    }

    protected override void EndRuns(StopReason? stopped) => populate?.End(stopped);
}
