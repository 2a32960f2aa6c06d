using System.Xml.Linq;
using ArchiveImport.Core.Operations;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>The default views as an operator sees them: in 80 columns, and in redirected output such as cron logs.</summary>
public sealed class FormatViewTests
{
    private const int Columns = 80;
    private static readonly string FormatFile = Path.Combine(AppContext.BaseDirectory, "ArchiveImport.format.ps1xml");

    public static TheoryData<string> Views =>
        new(XDocument.Load(FormatFile).Descendants("View").Select(v => (string)v.Element("Name")!));

    [Theory]
    [MemberData(nameof(Views))]
    public void Every_table_gives_each_column_a_width_and_fits_80_columns_with_its_separators(string view)
    {
        var table = XDocument.Load(FormatFile).Descendants("View").Single(v => (string)v.Element("Name")! == view).Element("TableControl")!;
        var headers = table.Descendants("TableColumnHeader").ToList();

        Assert.All(headers, h => Assert.True(h.Element("Width") is not null, $"{view}: column '{(string?)h.Element("Label")}' has no width"));
        var widths = headers.Select(h => (int)h.Element("Width")!).ToList();
        Assert.All(headers, h => Assert.True(((string?)h.Element("Label"))?.Length <= (int)h.Element("Width")!, $"{view}: a header wider than its column wraps"));
        Assert.True(widths.Sum() + widths.Count - 1 <= Columns, $"{view}: {widths.Sum() + widths.Count - 1} columns");
    }

    [Fact]
    public void Every_type_a_cmdlet_outputs_has_a_view()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);
        var outputs = ps.Invoke("(Get-Command -Module ArchiveImport).OutputType.Name | Sort-Object -Unique").ThrowIfFailed()
            .Output.Select(o => o.ToString()).ToList();
        var viewed = XDocument.Load(FormatFile).Descendants("TypeName").Select(t => t.Value).ToHashSet();

        Assert.Contains("ArchiveImport.Core.ArtistConfigs.AliasResult", outputs);
        Assert.Contains("ArchiveImport.PowerShell.Commands.ArtistConfigFile", outputs);
        Assert.All(outputs, type => Assert.Contains(type, viewed));
    }

    [Fact]
    public async Task Real_output_renders_whole_in_80_columns()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var text = string.Join('\n', ps.Invoke("""
            $downloads = Invoke-ArchiveDownload -Artist 'Grateful Dead'
            $downloads | Out-String -Width 80
            $downloads | Invoke-ArchivePopulate | Out-String -Width 80
            Get-ArchiveImportRun | Out-String -Width 80
            Get-ArchiveHealth | Out-String -Width 80
            Get-ArchiveUnmatched | Out-String -Width 80
            Get-ArchiveLog | Out-String -Width 80
            """).ThrowIfFailed().Output.Select(o => o.ToString()));
        var lines = text.Split('\n');

        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= Columns, $"{line.Length}: {line}"));
        Assert.Contains("Artist: Grateful Dead", text);
        Assert.Matches(@"Identifier\s+Status\s+KB\s+Seconds\s+Reason", text);
        Assert.Matches(@"Identifier\s+Status\s+Date\s+Tracks\s+Unmatched", text);
        Assert.Contains("gd73-06-10.sbd.hollister.174.sbeok.shnf", text); // identifiers whole, on one line
        Assert.Matches(@"\d{4}-\d\d-\d\d", text);
        Assert.Matches(@"Id\s+Artist\s+Type\s+Status\s+Started \(UTC\)\s+Shows\s+Tracks\s+Host", text);
        Assert.Contains(Environment.MachineName.Length <= 10 ? Environment.MachineName : Environment.MachineName[..10], text);
        Assert.Matches(@"Id\s+Status\s+Target\s+Value\s+Message", text);
        Assert.Matches(@"Time \(UTC\)\s+Lvl\s+Run\s+Message", text);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INF\s+\d+ Run \d+ started: download of", text);
        // The longest health message is whole, word-wrapped over several lines rather than cut.
        var checks = ps.Invoke("Get-ArchiveHealth").ThrowIfFailed().Objects<HealthCheckResult>();
        foreach (var word in checks.SelectMany(c => c.Message.Split(' ')).Where(w => w.Length is > 3 and <= 30 && w.All(char.IsLetter)).Distinct())
        {
            Assert.Contains(word, text);
        }

        Assert.DoesNotContain("\u2026", text); // nothing truncated with an ellipsis
    }
}
