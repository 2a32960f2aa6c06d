using System.Management.Automation;
using System.Text;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.PowerShell.Commands;

/// <summary>What New-ArchiveArtistConfig wrote.</summary>
public sealed class ArtistConfigFile
{
    public string Artist { get; init; } = "";
    public string Collection { get; init; } = "";
    public string Path { get; init; } = "";
    public int Songs { get; init; }
    public int ShowsRead { get; init; }
    public int TracksRead { get; init; }
}

[Cmdlet(VerbsCommon.New, "ArchiveArtistConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ArtistConfigFile))]
[RecordsActivity]
public sealed class NewArchiveArtistConfigCommand : AsyncArchiveCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Artist { get; set; } = "";

    /// <summary>The archive.org collection identifier; taken from the existing config when there is one.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Collection { get; set; }

    /// <summary>Propose the song list from the titles in the artist's downloaded metadata.</summary>
    [Parameter]
    public SwitchParameter FromMetadata { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinOccurrences { get; set; } = 1;

    /// <summary>Replace an existing config (the old one is kept next to it as .bak).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool UsesCatalog => false;

    protected override void End()
    {
        var existing = Services.ArtistConfigs.Find(Artist);
        var name = existing?.Name ?? Artist.Trim();
        var collection = Collection ?? existing?.Collection;
        if (collection is null)
        {
            Terminate(new ArgumentException($"'{Artist}' has no config yet, so its archive.org collection is unknown: pass -Collection (e.g. -Collection GratefulDead)."),
                "CollectionRequired", ErrorCategory.InvalidArgument, Artist);
            return;
        }

        var path = existing?.SourcePath ?? Path.Combine(Services.ArtistConfigs.Directory, ArtistConfigStore.Slug(name) + ".yaml");
        if (File.Exists(path) && !Force)
        {
            Terminate(new IOException($"{path} already exists. Add -Force to replace it (the current file is kept as {path}.bak), or edit it by hand."),
                "ConfigExists", ErrorCategory.ResourceExists, path);
            return;
        }

        var proposal = FromMetadata
            ? ArtistConfigFromMetadata.Propose(Services.MetadataFiles, name, MinOccurrences)
            : new ArtistConfigProposal([], 0, 0);
        if (FromMetadata && proposal.Shows == 0)
        {
            WriteWarning($"No downloaded metadata for '{name}' in {Services.MetadataFiles.ArtistDirectory(name)}: the config has no songs. Run Invoke-ArchiveDownload -Artist '{name}' first.");
        }

        if (!ShouldProcess(path, $"Write an artist config for '{name}' with {proposal.Songs.Count} proposed song(s)"))
        {
            return;
        }

        var text = ArtistConfigBootstrapper.ToYaml(name, collection, proposal.Songs, proposal.Shows, DateOnly.FromDateTime(Services.Now));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
        }

        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text));
        WriteObject(new ArtistConfigFile
        {
            Artist = name, Collection = collection, Path = path, Songs = proposal.Songs.Count, ShowsRead = proposal.Shows, TracksRead = proposal.Tracks,
        });
    }
}
