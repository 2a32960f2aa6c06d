using System.Text.Json;
using System.Xml.Linq;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Health results as JSON, CSV, JUnit XML and the Prometheus text format.</summary>
public sealed class HealthExportTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc);

    private static readonly HealthCheckResult[] Results =
    [
        new() { Id = "database", Name = "Database reachable", Status = HealthStatus.Pass, Message = "Connected.", CheckedAt = Now, Duration = TimeSpan.FromMilliseconds(1.5) },
        new()
        {
            Id = "match-rate", Name = "Match rate", Target = "Band \"The\" \\ Name", Status = HealthStatus.Fail, Value = "91.5", Threshold = "97",
            Message = "Only 91.50 %, see \"Get-ArchiveUnmatched\",\nthen populate.", CheckedAt = Now, Duration = TimeSpan.FromMilliseconds(2),
        },
        new() { Id = "maintenance", Name = "Maintenance mode", Status = HealthStatus.Warning, Value = "True", Message = "Paused.", CheckedAt = Now },
    ];

    [Fact]
    public void Json_holds_every_field_and_parses_back()
    {
        using var json = JsonDocument.Parse(HealthExport.Render(Results, HealthExportFormat.Json, Now));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Band \"The\" \\ Name", rows[1].GetProperty("Target").GetString());
        Assert.Equal(2, rows[1].GetProperty("DurationMs").GetDouble());
    }

    [Fact]
    public void Csv_quotes_fields_with_commas_quotes_and_line_breaks()
    {
        var csv = HealthExport.Render(Results, HealthExportFormat.Csv, Now);
        Assert.StartsWith("Id,Name,Target,Status,Value,Threshold,Message,CheckedAt,DurationMs\r\n", csv);
        Assert.Contains("\"Only 91.50 %, see \"\"Get-ArchiveUnmatched\"\",\nthen populate.\"", csv);
        Assert.Contains("database,Database reachable,,Pass,,,Connected.,2026-11-30T04:00:00.0000000Z,1.5\r\n", csv);
    }

    [Fact]
    public void JUnit_makes_a_fail_a_failure_and_a_warning_a_passing_case_with_its_message()
    {
        var xml = XDocument.Parse(HealthExport.Render(Results, HealthExportFormat.JUnit, Now));
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal(("3", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("archiveimport.health.match-rate", (string)cases[1].Attribute("classname")!);
        Assert.StartsWith("Only 91.50 %", (string)cases[1].Element("failure")!.Attribute("message")!);
        Assert.Null(cases[2].Element("failure"));
        Assert.Equal("WARNING: Paused.", (string)cases[2].Element("system-out")!);
    }

    [Fact]
    public void Prometheus_text_has_typed_gauges_escaped_labels_and_numeric_values_only()
    {
        var lines = HealthExport.Render(Results, HealthExportFormat.Prometheus, Now).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("# TYPE archiveimport_health_status gauge", lines);
        Assert.Contains("archiveimport_health_status{check=\"database\"} 0", lines);
        Assert.Contains("archiveimport_health_status{check=\"match-rate\",target=\"Band \\\"The\\\" \\\\ Name\"} 2", lines);
        Assert.Contains("archiveimport_health_status{check=\"maintenance\"} 1", lines);
        Assert.Contains("archiveimport_health_value{check=\"match-rate\",target=\"Band \\\"The\\\" \\\\ Name\"} 91.5", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("archiveimport_health_value{check=\"maintenance\"", StringComparison.Ordinal));
        Assert.Contains("archiveimport_health_last_run_timestamp_seconds 1796011200", lines);
        Assert.All(lines.Where(l => !l.StartsWith('#')), l => Assert.Matches(@"^[a-z_]+(\{[^}]*\})? -?[0-9.eE+-]+$", l));
    }

    [Theory]
    [InlineData("x.json", HealthExportFormat.Json)]
    [InlineData("x.CSV", HealthExportFormat.Csv)]
    [InlineData("junit.xml", HealthExportFormat.JUnit)]
    [InlineData("/var/lib/node_exporter/archiveimport.prom", HealthExportFormat.Prometheus)]
    [InlineData("x.txt", null)]
    public void The_format_follows_the_extension(string path, HealthExportFormat? format) => Assert.Equal(format, HealthExport.FormatOf(path));
}
