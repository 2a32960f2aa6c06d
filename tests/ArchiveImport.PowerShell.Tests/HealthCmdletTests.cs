using ArchiveImport.Core.Operations;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Get-ArchiveHealth's selection by id and tag, its completion and its help, driven by the registry.</summary>
public sealed class HealthCmdletTests
{
    [Fact]
    public async Task Checks_are_chosen_by_tag_and_id_and_an_unknown_one_is_refused_listing_the_known()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var matching = ps.Invoke("Get-ArchiveHealth -Tag matching").ThrowIfFailed().Objects<HealthCheckResult>().Select(r => r.Id).ToList();
        var imports = ps.Invoke("Get-ArchiveHealth -Tag imports -ExcludeCheck locks").ThrowIfFailed().Objects<HealthCheckResult>().Select(r => r.Id).ToList();
        var unknown = ps.Invoke("Get-ArchiveHealth -Check database, nonsense");

        Assert.Equal(["match-rate", "unmatched-count"], matching);
        Assert.Equal(["active-imports", "dead-runs", "failed-imports-24h", "maintenance", "import-processes", "scheduled-import", "import-success-rate"], imports);
        var error = Assert.Single(unknown.Errors);
        Assert.Equal("UnknownHealthCheck,ArchiveImport.PowerShell.Commands.GetArchiveHealthCommand", error.FullyQualifiedErrorId);
        Assert.Contains("nonsense", error.Exception.Message);
        Assert.Contains(string.Join(", ", HealthRegistry.Ids), error.Exception.Message);
    }

    [Fact]
    public async Task Check_and_tag_complete_from_the_registry_and_the_help_names_every_check()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        const string Line = "Get-ArchiveHealth -Check d";
        var checks = ps.Invoke($"(TabExpansion2 -inputScript '{Line}' -cursorColumn {Line.Length}).CompletionMatches.CompletionText").ThrowIfFailed().Output.Select(o => o.ToString());
        const string TagLine = "Get-ArchiveHealth -Tag ";
        var tags = ps.Invoke($"(TabExpansion2 -inputScript '{TagLine}' -cursorColumn {TagLine.Length}).CompletionMatches.CompletionText").ThrowIfFailed().Output.Select(o => o.ToString());
        var help = ps.Invoke("(Get-Help Get-ArchiveHealth -Parameter Check).Description.Text").ThrowIfFailed().Output.Single().ToString();

        Assert.Equal(["database", "dead-runs", "dashboard-queries", "database-disk"], checks);
        Assert.Equal(HealthRegistry.Tags, tags);
        Assert.All(HealthRegistry.Ids, id => Assert.Contains(id, help));
    }

    [Fact]
    public async Task Export_writes_the_piped_results_in_the_format_its_extension_names_and_leaves_no_temporary_file()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var prom = ps.Invoke("Get-ArchiveHealth -Tag matching | Export-ArchiveHealth ./health.prom").ThrowIfFailed().Objects<Commands.HealthExportFile>().Single();
        var junit = ps.Invoke("Export-ArchiveHealth ./junit.xml").ThrowIfFailed().Objects<Commands.HealthExportFile>().Single();
        var unknown = ps.Invoke("Export-ArchiveHealth ./health.txt");
        var whatIf = ps.Invoke("Export-ArchiveHealth ./never.json -WhatIf").ThrowIfFailed();

        var text = File.ReadAllText(prom.Path);
        Assert.Contains("archiveimport_health_status{check=\"match-rate\"} 0", text);
        Assert.DoesNotContain("check=\"database\"", text);
        var suite = System.Xml.Linq.XDocument.Load(junit.Path).Root!.Element("testsuite")!;
        Assert.Equal(HealthRegistry.Ids, suite.Elements("testcase").Select(c => ((string)c.Attribute("classname")!)["archiveimport.health.".Length..]).Distinct());
        Assert.Equal("UnknownHealthExportFormat,ArchiveImport.PowerShell.Commands.ExportArchiveHealthCommand", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
        Assert.Empty(whatIf.Output);
        Assert.False(File.Exists(Path.Combine(home.Path, "never.json")));
        Assert.Empty(Directory.GetFiles(home.Path, "*.partial"));
    }
}
