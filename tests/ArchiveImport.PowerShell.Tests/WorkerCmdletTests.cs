using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Invoke-ArchiveImportWorker in the hosted engine: its objects, its view, -WhatIf and its errors.</summary>
public sealed class WorkerCmdletTests
{
    [Fact]
    public async Task A_worker_returns_one_object_per_artist_a_second_worker_of_the_round_nothing_and_the_view_fits_80_columns()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "Lettuce", "lt", 3);
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke("'Grateful Dead', 'Lettuce' | Invoke-ArchiveImportWorker -Round r1 -WorkerName here").ThrowIfFailed();
        var results = outcome.Objects<WorkerResult>().ToList();

        Assert.Equal(["Grateful Dead", "Lettuce"], results.Select(r => r.Artist).Order());
        Assert.All(results, r => Assert.Equal((WorkerOutcome.Completed, "here", "r1"), (r.Outcome, r.Worker, r.Round)));
        var lettuce = results.Single(r => r.Artist == "Lettuce");
        Assert.Equal((3, 3), (lettuce.Shows, lettuce.Populated));
        var runs = ps.Invoke($"Get-ArchiveImportRun -Id {lettuce.DownloadRunId}, {lettuce.PopulateRunId}").ThrowIfFailed().Objects<ImportRun>().ToList();
        Assert.Equal(["download", "populate"], runs.Select(r => r.Type).Order());
        Assert.Empty(ps.Invoke("Invoke-ArchiveImportWorker 'Grateful Dead', 'Lettuce' -Round r1").ThrowIfFailed().Output);

        var text = string.Join('\n', ps.Invoke("Invoke-ArchiveImportWorker 'Grateful Dead', 'Lettuce' -Round r2 | Out-String -Width 80").ThrowIfFailed()
            .Output.Select(o => o.ToString()));
        Assert.Matches(@"Artist\s+Outcome\s+Shows\s+Populated\s+Tracks\s+Failed\s+Worker", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));
        Assert.Contains("Grateful Dead", text);
    }

    [Fact]
    public async Task WhatIf_claims_nothing_and_an_unknown_artist_stops_the_worker_naming_it()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var preview = ps.Invoke("Invoke-ArchiveImportWorker 'Grateful Dead' -Round r1 -WhatIf").ThrowIfFailed();
        Assert.Empty(preview.Output);
        Assert.Empty(ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed().Output);

        var refused = Assert.Single(ps.Invoke("Invoke-ArchiveImportWorker 'Grateful Dead', 'Nobody' -Round r1").Errors);
        Assert.StartsWith("ArtistNotConfigured", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'Nobody'", refused.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(ps.Invoke("Get-ArchiveImportRun").ThrowIfFailed().Output);

        var badRound = Assert.Single(ps.Invoke($"Invoke-ArchiveImportWorker 'Grateful Dead' -Round '{new string('r', 101)}'").Errors);
        Assert.StartsWith("ParameterArgumentValidationError", badRound.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Round", badRound.Exception.Message, StringComparison.Ordinal);
    }
}
