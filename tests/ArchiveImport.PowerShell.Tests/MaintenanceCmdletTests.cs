using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Enable-, Disable- and Get-ArchiveMaintenance, and Get-ArchiveStatus, in the real engine.</summary>
public sealed class MaintenanceCmdletTests
{
    [Fact]
    public async Task Maintenance_refuses_imports_with_its_own_error_until_it_is_disabled()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var whatIf = ps.Invoke("Enable-ArchiveMaintenance 'nightly restore' -WhatIf; Get-ArchiveMaintenance").ThrowIfFailed().Objects<MaintenanceState>().Single();
        Assert.False(whatIf.Enabled);

        var on = ps.Invoke("Enable-ArchiveMaintenance 'nightly restore'").ThrowIfFailed().Objects<MaintenanceState>().Single();
        Assert.True(on.Enabled);
        Assert.Equal("nightly restore", on.Reason);
        Assert.Equal(DateTimeKind.Utc, on.EnabledAt!.Value.Kind);

        var refused = ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate");
        var error = Assert.Single(refused.Errors);
        Assert.Equal("MaintenanceMode,ArchiveImport.PowerShell.Commands.InvokeArchiveDownloadCommand", error.FullyQualifiedErrorId);
        Assert.Contains("nightly restore", error.Exception.Message);
        Assert.Empty(refused.Output);

        var off = ps.Invoke("Disable-ArchiveMaintenance").ThrowIfFailed().Objects<MaintenanceState>().Single();
        Assert.False(off.Enabled);
        Assert.Equal(2, ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead'").ThrowIfFailed().Output.Count);
    }

    [Fact]
    public async Task Get_ArchiveStatus_lists_each_artist_and_takes_names_from_the_pipeline()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        ps.Invoke("Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();

        var all = ps.Invoke("Get-ArchiveStatus").ThrowIfFailed().Objects<Core.Operations.ArtistStatus>().ToList();
        var piped = ps.Invoke("Get-ArchiveImportRun -Last 1 | Get-ArchiveStatus").ThrowIfFailed().Objects<Core.Operations.ArtistStatus>().Single();
        var unknown = ps.Invoke("Get-ArchiveStatus -Artist 'Nobody', 'Grateful Dead'");

        Assert.Equal(["Grateful Dead", "Lettuce", "String Cheese Incident", "Yonder Mountain String Band"], all.Select(s => s.Artist));
        Assert.Equal(2, piped.ShowsPopulated);
        Assert.Equal("ArtistNotConfigured,ArchiveImport.PowerShell.Commands.GetArchiveStatusCommand", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
        Assert.Single(unknown.Output);
    }
}
