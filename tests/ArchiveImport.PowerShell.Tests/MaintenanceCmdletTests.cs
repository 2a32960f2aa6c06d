using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Enable-, Disable- and Get-ArchiveMaintenance in the real engine.</summary>
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
}
