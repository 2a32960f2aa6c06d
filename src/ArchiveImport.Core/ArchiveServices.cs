using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core;

/// <summary>The parts of ArchiveImport wired together for one set of settings: what a cmdlet or a test asks for.</summary>
public sealed class ArchiveServices
{
    /// <param name="artistConfigCache">Configs already validated, shared by a host across the services it creates (one per command).</param>
    public ArchiveServices(ArchiveImportSettings settings, TimeProvider? clock = null, ArtistConfigCache? artistConfigCache = null)
    {
        Settings = settings;
        Clock = clock ?? TimeProvider.System;
        Log = ArchiveLog.For(settings);
        Database = CatalogDatabase.For(settings.Database, settings.SqliteBusyTimeout);
        Schema = new SchemaMigrator(Database);
        Artists = new ArtistRepository(Database);
        Runs = new ImportRunRepository(Database);
        ShowMetadata = new ShowMetadataRepository(Database);
        Catalog = new CatalogRepository(Database);
        Browser = new CatalogBrowser(Database, new ArchiveOrg.ArchiveLinks(settings.ArchiveUrl));
        RecordingPreferences = new RecordingPreferences(Database);
        StudioAlbums = new StudioAlbumRepository(Database);
        Artwork = new ArtworkRepository(Database);
        Activity = new ActivityLog(Database);
        Metrics = new DailyMetrics(Database);
        WorkerRounds = new WorkerRoundRepository(Database);
        Maintenance = new MaintenanceRepository(Database);
        Locks = Database.CreateLocks(settings.LockDirectory);
        MetadataFiles = new MetadataStore(settings.MetadataDirectory);
        ArtistConfigs = new ArtistConfigStore(settings.ArtistConfigDirectory, artistConfigCache);
    }

    public ArchiveImportSettings Settings { get; }
    public TimeProvider Clock { get; }

    /// <summary>
    /// The operator's log (var/log): passwords are removed from what is written to it. Not a constructor parameter: the
    /// cmdlet assembly calls the constructor from the default load context, where Serilog's types cannot be resolved.
    /// </summary>
    public Serilog.ILogger Log { get; }
    public CatalogDatabase Database { get; }
    public SchemaMigrator Schema { get; }
    public ArtistRepository Artists { get; }
    public ImportRunRepository Runs { get; }
    public ShowMetadataRepository ShowMetadata { get; }
    public CatalogRepository Catalog { get; }
    public CatalogBrowser Browser { get; }
    public RecordingPreferences RecordingPreferences { get; }
    public StudioAlbumRepository StudioAlbums { get; }
    public ArtworkRepository Artwork { get; }
    public ActivityLog Activity { get; }
    public DailyMetrics Metrics { get; }
    public WorkerRoundRepository WorkerRounds { get; }
    public MaintenanceRepository Maintenance { get; }
    public IImportLocks Locks { get; }
    public MetadataStore MetadataFiles { get; }
    public ArtistConfigStore ArtistConfigs { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Makes sure the schema is current, as the database's engine decides: a catalog that migrates on first use (the
    /// embedded SQLite one) is migrated; a shared MySQL catalog is only migrated on purpose, so an old one stops the
    /// caller with what to run. With <paramref name="requireCurrent"/> false (health checks, Update-ArchiveDatabase)
    /// a shared catalog is left alone, not even read: the caller reports on its schema itself.
    /// </summary>
    public void EnsureSchema(bool requireCurrent = true)
    {
        if (!requireCurrent && !Database.MigratesOnFirstUse)
        {
            return;
        }

        var status = Schema.GetStatus();
        if (status.IsCurrent)
        {
            return;
        }

        if (Database.MigratesOnFirstUse)
        {
            Schema.MigrateUp();
            return;
        }

        throw new SchemaOutdatedException(
            $"The catalog database ({Database.Target.Display}) is at schema version {status.CurrentVersion}; this module needs " +
            $"{status.LatestVersion}. Run Update-ArchiveDatabase (it shows what it will do with -WhatIf), then try again.");
    }

    /// <summary>The artist's config, or an exception that says which artists there are and where configs live.</summary>
    public ArtistConfig RequireArtist(string artist) => ArtistConfigs.Find(artist) ?? throw ArtistNotConfigured(artist);

    /// <summary>
    /// The name the catalog knows an artist by, as typed by an operator: the configured name (read from the config's
    /// name line only, so other broken configs do not matter), else the name itself when the catalog has rows for it
    /// (a config removed since). Null when the artist is neither configured nor in the catalog.
    /// </summary>
    public string? ResolveArtistName(string artist)
    {
        if (ArtistConfigs.FindName(artist) is { } configured)
        {
            return configured;
        }

        return Artists.Find(artist.Trim()) is not null ? artist.Trim() : null;
    }

    /// <summary>The error for an artist without a config: where configs live, which artists there are, what to do.</summary>
    public ArtistNotConfiguredException ArtistNotConfigured(string artist) => new(
        $"There is no artist config for '{artist}' in {ArtistConfigs.Directory}. Known artists: " +
        $"{(ArtistConfigs.ArtistNames() is { Count: > 0 } names ? string.Join(", ", names) : "none")}. " +
        "Add a YAML file there with name, collection and tracks.");
}

public sealed class SchemaOutdatedException(string message) : Exception(message);

public sealed class ArtistNotConfiguredException(string message) : Exception(message);
