using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ArchiveImport.Core.Settings;

/// <summary>What a caller (a cmdlet's parameters) says, which beats every other source.</summary>
public sealed record SettingsOverrides
{
    public string? HomeDirectory { get; init; }
    public string? Database { get; init; }
    public string? ArchiveUrl { get; init; }
}

/// <summary>
/// Builds settings from, in rising precedence: built-in defaults, the settings file
/// (<c>config/archiveimport.yaml</c> under the home, or the file named by ARCHIVEIMPORT_SETTINGS),
/// environment variables, and explicit overrides.
/// </summary>
public static class SettingsLoader
{
    public const string HomeVariable = "ARCHIVEIMPORT_HOME";
    public const string DatabaseVariable = "ARCHIVEIMPORT_DATABASE";
    public const string ArchiveUrlVariable = "ARCHIVEIMPORT_ARCHIVE_URL";
    public const string SettingsFileVariable = "ARCHIVEIMPORT_SETTINGS";
    public const string DefaultSqliteFile = "var/archivedotorg/archive.db";

    public static ArchiveImportSettings Load(
        Func<string, string?> environment, string currentDirectory, SettingsOverrides? overrides = null)
    {
        overrides ??= new SettingsOverrides();
        var home = Path.GetFullPath(Path.Combine(
            currentDirectory, FirstSet(overrides.HomeDirectory, environment(HomeVariable)) ?? "."));

        var fileSettingsPath = environment(SettingsFileVariable) is { Length: > 0 } explicitPath
            ? Path.GetFullPath(Path.Combine(currentDirectory, explicitPath))
            : Path.Combine(home, "config", "archiveimport.yaml");
        var file = ReadFile(fileSettingsPath, required: environment(SettingsFileVariable) is { Length: > 0 });

        var database = FirstSet(overrides.Database, environment(DatabaseVariable), file.Database) ?? DefaultSqliteFile;
        var archiveUrl = FirstSet(overrides.ArchiveUrl, environment(ArchiveUrlVariable), file.ArchiveUrl)
            ?? ArchiveImportSettings.DefaultArchiveUrl;

        var defaults = new HealthThresholds();
        var health = file.Health ?? new HealthFile();
        var logDefaults = new LogSettings();
        var log = file.Log ?? new LogFile();
        return new ArchiveImportSettings
        {
            HomeDirectory = home,
            Database = DatabaseTarget.Parse(database, home),
            ArchiveUrl = ParseArchiveUrl(archiveUrl),
            HttpTimeout = TimeSpan.FromSeconds(file.HttpTimeoutSeconds ?? 30),
            MaxRetries = file.MaxRetries ?? 6,
            RetryBaseDelay = TimeSpan.FromSeconds(file.RetryBaseDelaySeconds ?? 1),
            ThrottleLimit = file.ThrottleLimit ?? 4,
            MaxScrapePages = file.MaxScrapePages ?? 10_000,
            MaxListedItems = file.MaxListedItems ?? 1_000_000,
            MaxConsecutiveDatabaseFailures = file.MaxConsecutiveDatabaseFailures ?? 3,
            SqliteBusyTimeout = TimeSpan.FromSeconds(Math.Max(1, file.SqliteBusyTimeoutSeconds ?? 60)),
            Health = new HealthThresholds
            {
                MinMatchRate = health.MinMatchRate ?? defaults.MinMatchRate,
                MaxUnmatched = health.MaxUnmatched ?? defaults.MaxUnmatched,
                MaxFailedImports24h = health.MaxFailedImports24h ?? defaults.MaxFailedImports24h,
                MetadataDiskWarningMegabytes = health.MetadataDiskWarningMegabytes ?? defaults.MetadataDiskWarningMegabytes,
                StalledAfter = health.StalledAfterMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.StalledAfter,
                MaxDashboardQueryMilliseconds = health.MaxDashboardQueryMilliseconds ?? defaults.MaxDashboardQueryMilliseconds,
                MaxImportMemoryMegabytes = health.MaxImportMemoryMegabytes ?? defaults.MaxImportMemoryMegabytes,
                ScheduledImportIntervalHours = health.ScheduledImportIntervalHours ?? defaults.ScheduledImportIntervalHours,
                MinImportSuccessRatePercent = health.MinImportSuccessRatePercent ?? defaults.MinImportSuccessRatePercent,
                MinFreeDiskMegabytes = health.MinFreeDiskMegabytes ?? defaults.MinFreeDiskMegabytes,
                LogErrorHours = health.LogErrorHours ?? defaults.LogErrorHours,
                MaxLogErrors = health.MaxLogErrors ?? defaults.MaxLogErrors,
            },
            Log = new LogSettings
            {
                RetainDays = Math.Max(1, log.RetainDays ?? logDefaults.RetainDays),
                MaxFileMegabytes = Math.Max(1, log.MaxFileMegabytes ?? logDefaults.MaxFileMegabytes),
            },
        };
    }

    public static ArchiveImportSettings FromEnvironment(string currentDirectory, SettingsOverrides? overrides = null) =>
        Load(Environment.GetEnvironmentVariable, currentDirectory, overrides);

    private static Uri ParseArchiveUrl(string value)
    {
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new ArgumentException(
                $"The archive.org address '{value}' is not an http(s) URL. Set {ArchiveUrlVariable} to e.g. https://archive.org.");
        }

        return uri;
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static SettingsFile ReadFile(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required
                ? throw new FileNotFoundException($"The settings file '{path}' named by {SettingsFileVariable} does not exist.", path)
                : new SettingsFile();
        }

        var text = File.ReadAllText(path);
        try
        {
            RejectUnknownKeys(path, text);
            var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            return deserializer.Deserialize<SettingsFile?>(text) ?? new SettingsFile();
        }
        catch (YamlException ex)
        {
            // The deserializer's own words name our internal types; say what is wrong in the file's terms instead.
            var problem = ex.InnerException is { } inner ? $"the value cannot be read ({inner.Message.TrimEnd('.')})" : ex.Message.TrimEnd('.');
            throw new SettingsFileException(path,
                $"{path}({ex.Start.Line},{ex.Start.Column}): {problem}. Known keys: {string.Join(", ", KeysOf(typeof(SettingsFile)))}; " +
                $"under health: {string.Join(", ", KeysOf(typeof(HealthFile)))}; under log: {string.Join(", ", KeysOf(typeof(LogFile)))}.", ex);
        }
    }

    /// <summary>A mistyped key would otherwise be an error naming an internal type: name the file, the line and the known keys.</summary>
    private static void RejectUnknownKeys(string path, string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root)
        {
            return;
        }

        Check(root, typeof(SettingsFile), "");
        if (root.Children.TryGetValue(new YamlScalarNode("health"), out var health) && health is YamlMappingNode healthMap)
        {
            Check(healthMap, typeof(HealthFile), "health ");
        }

        if (root.Children.TryGetValue(new YamlScalarNode("log"), out var log) && log is YamlMappingNode logMap)
        {
            Check(logMap, typeof(LogFile), "log ");
        }

        void Check(YamlMappingNode map, Type shape, string section)
        {
            var known = KeysOf(shape);
            foreach (var key in map.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } name } && !known.Contains(name, StringComparer.Ordinal))
                {
                    throw new SettingsFileException(path,
                        $"{path}({key.Start.Line},{key.Start.Column}): '{name}' is not a {section}setting. " +
                        $"Known {section}keys: {string.Join(", ", known)}.");
                }
            }
        }
    }

    private static string[] KeysOf(Type shape) =>
        shape.GetProperties().Select(p => CamelCaseNamingConvention.Instance.Apply(p.Name)).ToArray();

    private sealed class SettingsFile
    {
        public string? Database { get; set; }
        public string? ArchiveUrl { get; set; }
        public int? HttpTimeoutSeconds { get; set; }
        public int? MaxRetries { get; set; }
        public double? RetryBaseDelaySeconds { get; set; }
        public int? ThrottleLimit { get; set; }
        public int? MaxScrapePages { get; set; }
        public int? MaxListedItems { get; set; }
        public int? MaxConsecutiveDatabaseFailures { get; set; }
        public int? SqliteBusyTimeoutSeconds { get; set; }
        public HealthFile? Health { get; set; }
        public LogFile? Log { get; set; }
    }

    private sealed class HealthFile
    {
        public double? MinMatchRate { get; set; }
        public int? MaxUnmatched { get; set; }
        public int? MaxFailedImports24h { get; set; }
        public long? MetadataDiskWarningMegabytes { get; set; }
        public double? StalledAfterMinutes { get; set; }
        public double? MaxDashboardQueryMilliseconds { get; set; }
        public long? MaxImportMemoryMegabytes { get; set; }
        public double? ScheduledImportIntervalHours { get; set; }
        public double? MinImportSuccessRatePercent { get; set; }
        public long? MinFreeDiskMegabytes { get; set; }
        public double? LogErrorHours { get; set; }
        public int? MaxLogErrors { get; set; }
    }

    private sealed class LogFile
    {
        public int? RetainDays { get; set; }
        public long? MaxFileMegabytes { get; set; }
    }
}

/// <summary>The settings file cannot be used; the message names the file, the line and what is allowed.</summary>
public sealed class SettingsFileException : Exception
{
    public SettingsFileException(string path, string message, Exception? inner = null) : base(message, inner) => Path = path;

    /// <summary>The settings file.</summary>
    public string Path { get; }
}
