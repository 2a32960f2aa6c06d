using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace ArchiveImport.Core.Operations;

public enum HealthExportFormat
{
    Json,
    Csv,
    JUnit,
    Prometheus,
}

/// <summary>
/// Health results in the formats other tools read: JSON and CSV for people and scripts, JUnit XML for CI, and the
/// Prometheus text format for node_exporter's textfile collector.
/// </summary>
public static class HealthExport
{
    /// <summary>The format a file name's extension stands for (.json, .csv, .xml, .prom), or null.</summary>
    public static HealthExportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => HealthExportFormat.Json,
        ".csv" => HealthExportFormat.Csv,
        ".xml" => HealthExportFormat.JUnit,
        ".prom" => HealthExportFormat.Prometheus,
        _ => null,
    };

    public static string Render(IReadOnlyList<HealthCheckResult> results, HealthExportFormat format, DateTime now) => format switch
    {
        HealthExportFormat.Json => Json(results),
        HealthExportFormat.Csv => Csv(results),
        HealthExportFormat.JUnit => JUnit(results, now),
        _ => Prometheus(results, now),
    };

    private static string Json(IReadOnlyList<HealthCheckResult> results) => JsonSerializer.Serialize(
        results.Select(r => new
        {
            r.Id, r.Name, r.Target, r.Status, r.Value, r.Threshold, r.Message, r.CheckedAt,
            DurationMs = Math.Round(r.Duration.TotalMilliseconds, 3),
        }),
        new JsonSerializerOptions { WriteIndented = true });

    private static string Csv(IReadOnlyList<HealthCheckResult> results)
    {
        var text = new StringBuilder("Id,Name,Target,Status,Value,Threshold,Message,CheckedAt,DurationMs\r\n");
        foreach (var r in results)
        {
            string[] fields =
            [
                r.Id, r.Name, r.Target ?? "", r.Status, r.Value ?? "", r.Threshold ?? "", r.Message,
                r.CheckedAt.ToString("o", CultureInfo.InvariantCulture), r.Duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture),
            ];
            text.Append(string.Join(',', fields.Select(CsvField))).Append("\r\n");
        }

        return text.ToString();
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static string CsvField(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One test case per result; a Fail is a failure, a Warning passes with its message in system-out.</summary>
    private static string JUnit(IReadOnlyList<HealthCheckResult> results, DateTime now)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", "ArchiveImport health"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Status == HealthStatus.Fail)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(new TimeSpan(results.Sum(r => r.Duration.Ticks)))),
            new XAttribute("timestamp", now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            results.Select(r => new XElement("testcase",
                new XAttribute("classname", $"archiveimport.health.{r.Id}"),
                new XAttribute("name", r.Target is null ? r.Name : $"{r.Name}: {r.Target}"),
                new XAttribute("time", Seconds(r.Duration)),
                r.Status switch
                {
                    HealthStatus.Fail => new XElement("failure", new XAttribute("message", r.Message), r.Message),
                    HealthStatus.Warning => new XElement("system-out", "WARNING: " + r.Message),
                    _ => null,
                })));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }

    private static string Prometheus(IReadOnlyList<HealthCheckResult> results, DateTime now)
    {
        var text = new StringBuilder();
        void Metric(string name, string help, IEnumerable<(string Labels, string Value)> samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
            foreach (var (labels, value) in samples)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
            }
        }

        static string Labels(HealthCheckResult r) => r.Target is null
            ? $"{{check=\"{Escape(r.Id)}\"}}"
            : $"{{check=\"{Escape(r.Id)}\",target=\"{Escape(r.Target)}\"}}";
        static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        Metric("archiveimport_health_status", "Health check verdict: 0 pass, 1 warning, 2 fail.",
            results.Select(r => (Labels(r), r.Status switch { HealthStatus.Fail => "2", HealthStatus.Warning => "1", _ => "0" })));
        Metric("archiveimport_health_value", "The value a health check measured, where it is a number.",
            results.Where(r => double.TryParse(r.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                .Select(r => (Labels(r), Number(double.Parse(r.Value!, CultureInfo.InvariantCulture)))));
        Metric("archiveimport_health_check_duration_seconds", "How long the health check took.",
            results.GroupBy(r => r.Id).Select(g => ($"{{check=\"{Escape(g.Key)}\"}}", Number(g.First().Duration.TotalSeconds))));
        Metric("archiveimport_health_last_run_timestamp_seconds", "When the health checks last ran (Unix time).",
            [("", Number(new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)).ToUnixTimeSeconds()))]);
        return text.ToString();
    }

    // The text format escapes backslash, double quote and line feed in label values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
