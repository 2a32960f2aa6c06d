using System.Management.Automation;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>deployment/*.ps1 run in the real engine, as archive-import -File runs them (see also tests/Pester).</summary>
public sealed class DeploymentScriptTests
{
    private static readonly string ScheduledImport = Path.Combine(AppContext.BaseDirectory, "deployment", "Invoke-ScheduledImport.ps1");

    [Fact]
    public async Task The_scheduled_import_summarises_each_artist_and_is_idempotent()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var first = ps.Invoke($"& '{ScheduledImport}' -Artist 'Grateful Dead', 'Yonder Mountain String Band'").ThrowIfFailed();
        var summaries = first.Output.Where(o => o.TypeNames.Contains("ArchiveImport.ScheduledImportSummary")).ToList();
        Assert.Equal(["Grateful Dead", "Yonder Mountain String Band"], summaries.Select(s => (string)s.Properties["Artist"].Value));
        Assert.Equal([2, 1], summaries.Select(s => (int)s.Properties["Populated"].Value));
        Assert.Contains(first.Output, o => o.BaseObject is Core.Operations.HealthCheckResult);

        var second = ps.Invoke($"& '{ScheduledImport}' -Artist 'Grateful Dead' -SkipHealthCheck").ThrowIfFailed();
        var summary = Assert.Single(second.Output);
        Assert.Equal(2, (int)summary.Properties["Unchanged"].Value);
        Assert.Equal(0, (int)summary.Properties["Populated"].Value);
    }

    [Fact]
    public async Task The_scheduled_import_throws_naming_the_failed_artist_after_importing_the_others()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke($"& '{ScheduledImport}' -Artist 'Nobody Band', 'Grateful Dead' -SkipHealthCheck");

        Assert.NotNull(outcome.Terminating);
        Assert.Contains("Nobody Band", outcome.Terminating!.Message);
        Assert.Contains(outcome.Output, o => (string)o.Properties["Artist"].Value == "Grateful Dead" && (int)o.Properties["Populated"].Value == 2);
    }

    [Fact]
    public async Task The_scheduled_import_changes_nothing_with_WhatIf()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        ps.Invoke($"& '{ScheduledImport}' -Artist 'Grateful Dead' -WhatIf").ThrowIfFailed();

        Assert.False(Directory.Exists(home.MetadataDirectory));
        Assert.Equal(0, archive.CountRequests("/"));
    }
}
