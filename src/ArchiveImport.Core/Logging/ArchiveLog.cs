using System.Collections.Concurrent;
using System.Globalization;
using ArchiveImport.Core.Settings;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ArchiveImport.Core.Logging;

/// <summary>
/// The rolling log under var/log: one JSON line per event (time, level, message, run id, artist, show), a file per
/// day, a new file of the same day past the size cap, files older than the retention deleted as a new one opens.
/// Several processes (cron, workers, an operator) append to the same files in the sink's multi-process mode.
/// </summary>
public static class ArchiveLog
{
    public const string FilePrefix = "archiveimport-";
    public const string FileExtension = ".json";
    public const string RunId = "RunId";
    public const string Artist = "Artist";
    public const string Identifier = "Identifier";

    // One file sink per log folder and retention for the whole process, like a connection pool: every command builds
    // its own services, and a sink per command would leave a file handle behind each time.
    private static readonly ConcurrentDictionary<(string Directory, LogSettings Settings), Logger> Files = new();

    /// <summary>
    /// The logger for one set of settings: writes to the home's log files, with the database password removed from
    /// every message, property and exception by <paramref name="redact"/> before anything is formatted.
    /// </summary>
    public static ILogger For(ArchiveImportSettings settings) => For(settings.LogDirectory, settings.Log, settings.Database.Redact);

    public static ILogger For(string directory, LogSettings settings, Func<string, string> redact)
    {
        var file = Files.GetOrAdd((Path.GetFullPath(directory), settings), key => OpenFile(key.Directory, key.Settings));
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Sink(new RedactingSink(file, redact))
            .CreateLogger();
    }

    private static Logger OpenFile(string directory, LogSettings settings) => new LoggerConfiguration()
        .MinimumLevel.Information()
        .Enrich.WithProperty("Pid", Environment.ProcessId)
        .WriteTo.File(
            new RenderedCompactJsonFormatter(),
            Path.Combine(directory, FilePrefix + FileExtension),
            rollingInterval: RollingInterval.Day,
            fileSizeLimitBytes: settings.MaxFileMegabytes * 1024 * 1024,
            rollOnFileSizeLimit: true,
            retainedFileCountLimit: null,
            retainedFileTimeLimit: TimeSpan.FromDays(settings.RetainDays),
            shared: true)
        .CreateLogger();

    /// <summary>The day a log file holds, from its name (archiveimport-20261130.json, archiveimport-20261130_001.json); null for any other file.</summary>
    public static DateTime? DayOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!name.StartsWith(FilePrefix, StringComparison.Ordinal) || !path.EndsWith(FileExtension, StringComparison.Ordinal))
        {
            return null;
        }

        var day = name[FilePrefix.Length..].Split('_')[0];
        return DateTime.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>The level names a reader may filter by, lowest first (Serilog's own).</summary>
    public static IReadOnlyList<string> LevelNames { get; } = Enum.GetNames<LogEventLevel>();
}
