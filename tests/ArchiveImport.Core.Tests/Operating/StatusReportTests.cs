using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Get-ArchiveStatus's report, on both engines.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class StatusReportTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public StatusReportTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Each_artist_shows_what_was_listed_downloaded_and_populated_its_matching_and_its_last_runs(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var reporter = new RecordingReporter();
        var download = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        var populated = ImportPipelineTests.Populate(services, reporter.Downloads.Select(d => d.Identifier));

        var all = new StatusReport(services).For(null);
        var dead = all.Single(s => s.Artist == Artist);

        Assert.Equal(2, dead.ShowsListed);
        Assert.Equal(2, dead.ShowsDownloaded);
        Assert.Equal(2, dead.ShowsPopulated);
        Assert.Equal(populated.Sum(p => p.Tracks), dead.Tracks);
        Assert.Equal(populated.Sum(p => p.Matched), dead.TracksMatched);
        Assert.Equal(populated.Sum(p => p.Unmatched), dead.TracksUnmatched);
        Assert.Equal(services.Catalog.Unmatched([Artist], null, includeResolved: false).Count, dead.UnmatchedTitles);
        Assert.True(dead.MatchRate > 80);
        Assert.Equal(download.Id, dead.LastDownload!.Id);
        Assert.Equal(RunStatus.Completed, dead.LastPopulate!.Status);
        Assert.False(dead.IsRunning);

        // Configured artists with nothing imported yet are listed too, with nothing counted.
        var lettuce = all.Single(s => s.Artist == "Lettuce");
        Assert.Null(lettuce.ShowsListed);
        Assert.Equal(0, lettuce.ShowsPopulated);
        Assert.Null(lettuce.LastDownload);

        Assert.Equal([Artist], new StatusReport(services).For([Artist]).Select(s => s.Artist));
    }

    [Fact]
    public async Task A_running_import_is_the_artists_active_run()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        var runId = services.Runs.Start(artistId, ImportKind.Download, services.Now);

        var status = new StatusReport(services).For([Artist]).Single();

        Assert.True(status.IsRunning);
        Assert.Equal(runId, status.ActiveRun!.Id);
        Assert.Equal(runId, status.LastDownload!.Id);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Only_ended_runs_older_than_the_cut_off_are_removed_never_a_running_one(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        var old = services.Now.AddDays(-100);
        var oldEnded = services.Runs.Start(artistId, ImportKind.Download, old);
        services.Runs.Finish(oldEnded, RunStatus.Completed, new RunCounts(1, 0, 10), null, old);
        var oldRunning = services.Runs.Start(artistId, ImportKind.Populate, old);
        var recent = services.Runs.Start(artistId, ImportKind.Download, services.Now.AddDays(-10));
        services.Runs.Finish(recent, RunStatus.Failed, new RunCounts(0, 1, 0), "boom", services.Now);

        Assert.Equal(1, services.Runs.CountEndedBefore(services.Now.AddDays(-90)));
        Assert.Equal(1, services.Runs.DeleteEndedBefore(services.Now.AddDays(-90)));

        Assert.Equal([oldRunning, recent], services.Runs.Find(new RunFilter()).Select(r => r.Id));
    }
}
