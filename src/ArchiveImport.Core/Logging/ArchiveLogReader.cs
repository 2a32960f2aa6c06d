using System.Globalization;
using System.Text.Json;
using Serilog.Events;

namespace ArchiveImport.Core.Logging;

/// <summary>
/// Reads the log files of one folder back as entries, oldest first: the current file and the rolled ones, skipping files
/// of days before the query's start. A line that is not a whole JSON object (a process killed mid-write) is skipped.
/// </summary>
public sealed class ArchiveLogReader(string directory)
{
    public string Directory { get; } = directory;

    public IEnumerable<ArchiveLogEntry> Read(ArchiveLogQuery query)
    {
        var minimum = ParseLevel(query.MinimumLevel);
        var since = query.Since?.ToUniversalTime();
        var matching = Files(since)
            .SelectMany(ReadFile)
            .Where(e => since is null || e.Time >= since)
            .Where(e => minimum is null || (Enum.TryParse<LogEventLevel>(e.Level, out var level) && level >= minimum))
            .Where(e => query.RunId is null || e.RunId == query.RunId)
            .Where(e => query.Artist is null || string.Equals(e.Artist, query.Artist, StringComparison.OrdinalIgnoreCase));
        return query.Last is { } last ? matching.TakeLast(Math.Max(0, last)) : matching;
    }

    /// <summary>A level name as Serilog spells it, whatever the case; null for none. Throws for an unknown name.</summary>
    public static LogEventLevel? ParseLevel(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return Enum.TryParse<LogEventLevel>(name.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new ArgumentException($"'{name}' is not a log level. Use one of: {string.Join(", ", ArchiveLog.LevelNames)}.");
    }

    /// <summary>archiveimport-20261130.json, then archiveimport-20261130_001.json (the size cap's next file), day by day.</summary>
    private IEnumerable<string> Files(DateTime? since)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, ArchiveLog.FilePrefix + "*" + ArchiveLog.FileExtension)
            .Select(path => (Path: path, Day: ArchiveLog.DayOf(path)))
            // Files are named by the writer's local day, which may be a day behind the UTC date.
            .Where(f => f.Day is not null && (since is null || f.Day >= since.Value.Date.AddDays(-1)))
            .OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal)
            .Select(f => f.Path);
    }

    private static IEnumerable<ArchiveLogEntry> ReadFile(string path)
    {
        FileStream stream;
        try
        {
            // Other processes keep appending, and retention may delete an old file while it is read.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            yield break;
        }

        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (Parse(line) is { } entry)
            {
                yield return entry;
            }
        }
    }

    internal static ArchiveLogEntry? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("@t", out var time) || time.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new ArchiveLogEntry
            {
                Time = DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
                Level = Text(root, "@l") ?? nameof(LogEventLevel.Information), // the compact format leaves the commonest level out
                Message = Text(root, "@m") ?? "",
                Exception = Text(root, "@x"),
                RunId = root.TryGetProperty(ArchiveLog.RunId, out var run) && run.TryGetInt64(out var id) ? id : null,
                Artist = Text(root, ArchiveLog.Artist),
                Identifier = Text(root, ArchiveLog.Identifier),
                Pid = root.TryGetProperty("Pid", out var pid) && pid.TryGetInt32(out var p) ? p : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
