using System.Management.Automation;
using ArchiveImport.Core;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell;

/// <summary>
/// What every ArchiveImport cmdlet shares: the -Database and -HomePath overrides, the wired-up Core services, and
/// turning Core's problems into proper error records. Cmdlets stay thin: bind, call Core, write objects.
/// </summary>
public abstract class ArchiveCmdlet : PSCmdlet
{
    // Each command wires its own services; the validated configs are shared by all of them in this process, so a
    // Get-ArchiveHealth every few seconds does not read and validate every artist file each time.
    private static readonly ArtistConfigCache SharedConfigCache = new();

    private ArchiveServices? services;

    /// <summary>A SQLite file path or a MySQL/MariaDB connection string; overrides ARCHIVEIMPORT_DATABASE.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>The folder holding var/ and config/; overrides ARCHIVEIMPORT_HOME (default: the current location).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HomePath { get; set; }

    /// <summary>False for cmdlets that never touch the catalog database (they only read configs).</summary>
    protected virtual bool UsesCatalog => true;

    /// <summary>False for cmdlets that must work on an old or missing MySQL schema (health, migration).</summary>
    protected virtual bool RequiresCurrentSchema => true;

    protected ArchiveServices Services => services ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>The services, or null when the settings could not be read.</summary>
    protected ArchiveServices? ServicesIfReady => services;

    protected virtual SettingsOverrides Overrides => new() { Database = Database, HomeDirectory = HomePath };

    /// <summary>
    /// True for cmdlets that report an unusable catalog themselves (Get-ArchiveHealth: one failed 'database' check),
    /// so an unreadable SQLite file is no more a terminating error than an unreachable MySQL server.
    /// </summary>
    protected virtual bool ReportsUnavailableCatalog => false;

    protected override void BeginProcessing()
    {
        ArchiveImportSettings settings;
        try
        {
            settings = SettingsLoader.FromEnvironment(SessionState.Path.CurrentFileSystemLocation.ProviderPath, Overrides);
        }
        catch (Exception ex) when (ex is ArgumentException or SettingsFileException or FileNotFoundException)
        {
            var target = ex switch
            {
                SettingsFileException file => file.Path,
                FileNotFoundException missing => missing.FileName,
                _ => Database ?? HomePath ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            };
            Terminate(ex, "InvalidSettings", ErrorCategory.InvalidArgument, target);
            return;
        }

        services = new ArchiveServices(settings, artistConfigCache: SharedConfigCache);
        WriteVerbose($"Catalog: {settings.Database.Display}; home: {settings.HomeDirectory}.");
        try
        {
            if (UsesCatalog && services.Database.EnsureFolder() is { } created)
            {
                WriteVerbose($"Created the folder {created} for the SQLite catalog (it is inside the home folder).");
            }

            // The embedded SQLite catalog is always brought up to date; a shared MySQL one only on purpose.
            if (UsesCatalog)
            {
                services.EnsureSchema(requireCurrent: RequiresCurrentSchema);
            }
        }
        catch (CatalogUnavailableException ex) when (ReportsUnavailableCatalog)
        {
            WriteVerbose(settings.Database.Redact(ex.Message));
        }
        catch (CatalogUnavailableException ex)
        {
            var (id, category) = ex.Problem switch
            {
                CatalogProblem.NotADatabase => ("CatalogNotADatabase", ErrorCategory.InvalidData),
                CatalogProblem.FolderMissing => ("CatalogFolderMissing", ErrorCategory.ObjectNotFound),
                _ => ("CatalogUnavailable", ErrorCategory.ConnectionError),
            };
            Terminate(ex, id, category, settings.Database.Display);
        }
        catch (SchemaOutdatedException ex)
        {
            Terminate(ex, "SchemaOutdated", ErrorCategory.InvalidOperation, settings.Database.Display);
        }
    }

    protected void Terminate(Exception exception, string errorId, ErrorCategory category, object? target)
    {
        var record = new ErrorRecord(Redacted(exception), errorId, category, target);
        OnTerminating(record);
        ThrowTerminatingError(record);
    }

    /// <summary>
    /// The error about to end the command. Past this point the cmdlet sees only a PipelineStoppedException (the engine
    /// keeps the record for the caller), so whatever must know why the command ended learns it here.
    /// </summary>
    private protected virtual void OnTerminating(ErrorRecord record)
    {
    }

    protected void WriteProblem(Exception exception, string errorId, ProblemKind kind, object? target) =>
        WriteProblemRecord(ErrorRecordFor(exception, errorId, kind, target));

    /// <summary>Writes a non-terminating error; under -ErrorAction Stop the engine throws instead.</summary>
    protected internal virtual void WriteProblemRecord(ErrorRecord record) => WriteError(record);

    internal ErrorRecord ErrorRecordFor(Exception exception, string errorId, ProblemKind kind, object? target) =>
        new(Redacted(exception), errorId, Category(kind), target);

    /// <summary>
    /// Names as the operator typed them, turned into the artist names the catalog uses (without loading any config in
    /// full). A name that is neither configured nor in the catalog is an ArtistNotConfigured error and is left out:
    /// null means no names were given; an empty list means none of them is known, so there is nothing to list.
    /// </summary>
    protected IReadOnlyList<string>? ConfiguredNames(string[]? artists)
    {
        if (artists is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var artist in artists)
        {
            if (Services.ResolveArtistName(artist) is { } name)
            {
                names.Add(name);
            }
            else
            {
                WriteProblem(Services.ArtistNotConfigured(artist), "ArtistNotConfigured", ProblemKind.NotFound, artist);
            }
        }

        return names;
    }

    /// <summary>One artist cannot be worked on (its lock is held, it has no usable config); the others still can.</summary>
    protected bool TryWriteArtistProblem(Exception exception, string artist)
    {
        var (id, kind) = exception switch
        {
            ImportLockedException => ("ImportAlreadyRunning", ProblemKind.ResourceBusy),
            MaintenanceModeException => ("MaintenanceMode", ProblemKind.NotEnabled),
            ArtistNotConfiguredException => ("ArtistNotConfigured", ProblemKind.NotFound),
            Core.ArtistConfigs.ArtistConfigException => ("InvalidArtistConfig", ProblemKind.InvalidData),
            _ => (null, ProblemKind.InvalidArgument),
        };
        if (id is null)
        {
            return false;
        }

        WriteProblem(exception, id, kind, artist);
        return true;
    }

    protected static ErrorCategory Category(ProblemKind kind) => kind switch
    {
        ProblemKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ProblemKind.NotFound => ErrorCategory.ObjectNotFound,
        ProblemKind.InvalidData => ErrorCategory.InvalidData,
        ProblemKind.ConnectionError => ErrorCategory.ConnectionError,
        ProblemKind.ResourceBusy => ErrorCategory.ResourceBusy,
        ProblemKind.WriteError => ErrorCategory.WriteError,
        ProblemKind.Stopped => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotEnabled,
    };

    /// <summary>A message fit to show or store: a password in a MySQL connection string echoed by a driver is masked.</summary>
    protected string Redacted(string message) =>
        services?.Database.Target.Redact(message) ?? message;

    /// <summary>Messages from drivers may echo a connection string; never let a password reach the error stream.</summary>
    private Exception Redacted(Exception exception)
    {
        if (services is null)
        {
            return exception;
        }

        var message = services.Database.Target.Redact(exception.Message);
        return message == exception.Message ? exception : new InvalidOperationException(message);
    }
}
