using System.Text.Json;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>What ConvertTo-Json and Export-Csv make of the objects: the shape an operator's dashboard or script reads.</summary>
public sealed class ExportShapeTests
{
    [Fact]
    public async Task Json_carries_names_not_numbers_dates_as_text_UTC_times_and_no_duplicate_or_stale_fields()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var json = ps.Invoke("""
            $downloads = Invoke-ArchiveDownload -Artist 'Grateful Dead'
            $populated = $downloads | Invoke-ArchivePopulate
            ConvertTo-Json -Depth 3 -InputObject @{
                Download = @($downloads)[0]
                Populate = @($populated)[0]
                Run = @(Get-ArchiveImportRun)[0]
                Health = @(Get-ArchiveHealth -Check schema)[0]
                Match = Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Scarlet Begonias > Fire on the Mountain', 'Dark Stat' | Select-Object -Last 1
                Segue = Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Scarlet Begonias > Fire on the Mountain'
            }
            """).ThrowIfFailed().Output.Single().ToString();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("Downloaded", root.GetProperty("Download").GetProperty("Status").GetString());
        Assert.Equal("Populated", root.GetProperty("Populate").GetProperty("Status").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\d$", root.GetProperty("Populate").GetProperty("Date").GetString());
        Assert.Equal("Pass", root.GetProperty("Health").GetProperty("Status").GetString());
        Assert.EndsWith("Z", root.GetProperty("Health").GetProperty("CheckedAt").GetString());

        var run = root.GetProperty("Run");
        Assert.Equal("download", run.GetProperty("Type").GetString());
        Assert.False(run.TryGetProperty("Kind", out _));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("Holder").ValueKind);
        Assert.EndsWith("Z", run.GetProperty("StartedAt").GetString());
        Assert.EndsWith("Z", run.GetProperty("FinishedAt").GetString());

        Assert.Equal("Unmatched", root.GetProperty("Match").GetProperty("Method").GetString());
        Assert.StartsWith("Dark Star (", root.GetProperty("Match").GetProperty("Suggestions").GetString());
        Assert.Equal("Scarlet Begonias > Fire on the Mountain", root.GetProperty("Segue").GetProperty("Songs").GetString());
    }

    [Fact]
    public async Task Csv_has_one_readable_value_per_cell()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var csv = Path.Combine(home.Path, "out.csv");

        ps.Invoke($"""
            Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Export-Csv -Path '{csv}' -NoTypeInformation
            Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Scarlet Begonias > Fire on the Mountain', 'Dark Stat' |
                Export-Csv -Path '{csv}.match' -NoTypeInformation
            Get-ArchiveImportRun | Export-Csv -Path '{csv}.runs' -NoTypeInformation
            """).ThrowIfFailed();

        var populate = File.ReadAllText(csv);
        Assert.Contains("\"Populated\"", populate);
        Assert.Matches("\"\\d{4}-\\d\\d-\\d\\d\"", populate);
        Assert.DoesNotContain("DayOfWeek", populate);
        var match = File.ReadAllText(csv + ".match");
        Assert.Contains("\"Scarlet Begonias > Fire on the Mountain\"", match);
        Assert.DoesNotContain("System.String[]", match);
        var runs = File.ReadAllLines(csv + ".runs");
        Assert.DoesNotContain("\"Kind\"", runs[0]);
        Assert.Contains("\"Holder\"", runs[0]);
        Assert.DoesNotContain("since", string.Join('\n', runs.Skip(1))); // no holder once a run has ended
    }
}
