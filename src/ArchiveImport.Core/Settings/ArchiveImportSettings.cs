namespace ArchiveImport.Core.Settings;

/// <summary>Everything a run needs to know about where things live and how hard to try.</summary>
public sealed record ArchiveImportSettings
{
    public const string DefaultArchiveUrl = "https://archive.org";

    /// <summary>The root of var/ and config/.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Where the catalog lives: a SQLite file or a MySQL/MariaDB connection string.</summary>
    public required DatabaseTarget Database { get; init; }

    public Uri ArchiveUrl { get; init; } = new(DefaultArchiveUrl);
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxRetries { get; init; } = 6;

    /// <summary>First retry delay; each further retry doubles it (with jitter) unless the server says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>Most scrape pages one collection listing may take; past it the listing stops as a runaway cursor.</summary>
    public int MaxScrapePages { get; init; } = 10_000;

    /// <summary>Most items one collection listing may return; past it the listing stops instead of filling memory.</summary>
    public int MaxListedItems { get; init; } = 1_000_000;

    /// <summary>Shows in a row that may fail in the catalog database before the run stops as failed.</summary>
    public int MaxConsecutiveDatabaseFailures { get; init; } = 3;
    public HealthThresholds Health { get; init; } = new();

    /// <summary>How long the log files under var/log are kept and how large one may grow.</summary>
    public LogSettings Log { get; init; } = new();

    /// <summary>How long a SQLite write waits for another writer's transaction before it fails as busy.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string VarDirectory => Path.Combine(HomeDirectory, "var", "archivedotorg");
    public string MetadataDirectory => Path.Combine(VarDirectory, "metadata");
    public string LockDirectory => Path.Combine(VarDirectory, "locks");
    public string ArtistConfigDirectory => Path.Combine(HomeDirectory, "config", "artists");
    public string LogDirectory => Path.Combine(HomeDirectory, "var", "log");
}

/// <summary>The rolling log file's retention; each can be set under log: in the settings file.</summary>
public sealed record LogSettings
{
    /// <summary>Log files older than this many days are deleted when a new day's file is opened.</summary>
    public int RetainDays { get; init; } = 30;

    /// <summary>A day's file that reaches this size is continued in a new file of the same day.</summary>
    public long MaxFileMegabytes { get; init; } = 100;
}

/// <summary>Named thresholds of the health checks; each can be set in the settings file.</summary>
public sealed record HealthThresholds
{
    /// <summary>Lowest acceptable match rate of an artist, in percent.</summary>
    public double MinMatchRate { get; init; } = 97.0;

    /// <summary>Unresolved unmatched titles at or above this count fail the check.</summary>
    public int MaxUnmatched { get; init; } = 100;

    /// <summary>Failed imports in the last 24 hours at or above this count fail the check.</summary>
    public int MaxFailedImports24h { get; init; } = 1;

    /// <summary>Metadata folder size, in megabytes, that gives a warning.</summary>
    public long MetadataDiskWarningMegabytes { get; init; } = 10_240;

    /// <summary>A running import with no heartbeat for this long is reported as stalled.</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A dashboard query this slow or slower is a warning (the older dashboard's target: 100 ms).</summary>
    public double MaxDashboardQueryMilliseconds { get; init; } = 100;

    /// <summary>An import process on this host whose working set reaches this many megabytes is a warning.</summary>
    public long MaxImportMemoryMegabytes { get; init; } = 1_024;

    /// <summary>How often the scheduled import runs: no run started for longer is a warning, for twice as long a failure.</summary>
    public double ScheduledImportIntervalHours { get; init; } = 24;

    /// <summary>Lowest acceptable share of runs that ended in the last 7 days as completed, in percent.</summary>
    public double MinImportSuccessRatePercent { get; init; } = 95;

    /// <summary>Free space, in megabytes, on the SQLite catalog's disk below which the database-disk check fails.</summary>
    public long MinFreeDiskMegabytes { get; init; } = 1_024;
    /// <summary>How far back the log-errors check looks, in hours.</summary>
    public double LogErrorHours { get; init; } = 24;

    /// <summary>Errors in the log within <see cref="LogErrorHours"/> at or above this count fail the log-errors check.</summary>
    public int MaxLogErrors { get; init; } = 1;
}
