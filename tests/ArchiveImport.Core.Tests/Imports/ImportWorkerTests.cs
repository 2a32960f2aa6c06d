using System.Collections.Concurrent;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>Workers sharing an artist list through the catalog: each artist once per round, a held claim taken over when let go.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ImportWorkerTests(MariaDbFixture mariaDb)
{
    private static readonly string[] Artists = ["Grateful Dead", "Lettuce", "String Cheese Incident", "Yonder Mountain String Band"];
    private static readonly string[] Collections = ["GratefulDead", "Lettuce", "StringCheeseIncident", "YonderMountainStringBand"];

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Two_workers_on_one_list_process_each_artist_once_and_a_finished_round_does_nothing_again(string engine)
    {
        await using var archive = await ArchiveWithShowsAsync(4);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var results = new ConcurrentBag<WorkerResult>();

        await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(() => WorkAsync(Engines.Services(home), $"w{n}", "r1", results))));

        Assert.Equal(Artists.Order(), results.Select(r => r.Artist).Order());
        Assert.All(results, r => Assert.Equal((WorkerOutcome.Completed, 0), (r.Outcome, r.Failed)));
        var runs = services.Runs.Find(new RunFilter());
        Assert.Equal(2 * Artists.Length, runs.Count); // one download and one populate per artist, whichever worker
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.Equal(Artists.Length, services.WorkerRounds.ForRound("r1").Count);
        using (var connection = services.Database.Open())
        {
            Assert.Equal(results.Sum(r => r.Populated), connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_show"));
        }

        var again = new ConcurrentBag<WorkerResult>();
        Assert.Equal(0, await WorkAsync(services, "w3", "r1", again));
        Assert.Equal(2 * Artists.Length, services.Runs.Find(new RunFilter()).Count);

        Assert.Equal(Artists.Length, await WorkAsync(services, "w3", "r2", again));
        Assert.All(again, r => Assert.Equal((WorkerOutcome.Completed, 0), (r.Outcome, r.Tracks))); // nothing changed: nothing written
    }

    [Fact]
    public async Task An_artist_claimed_elsewhere_is_taken_over_once_its_claim_is_let_go()
    {
        await using var archive = await ArchiveWithShowsAsync(2);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var held = services.Locks.TryClaim(services.Artists.Ensure("Lettuce", "Lettuce", services.Now))!;
        var reporter = new RecordingReporter();
        using var cancellation = new JobCancellation();

        var work = Task.Run(() => new ImportWorker(Engines.Services(home))
            .RunAsync(new WorkerRequest(["Lettuce", "Grateful Dead"], "r1", "survivor", PollInterval: TimeSpan.FromMilliseconds(20)), reporter, cancellation));
        while (reporter.Results.Count == 0 && !work.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.False(work.IsCompleted); // Grateful Dead is done; Lettuce is waited for
        held.Dispose(); // as the server or the OS does when the holder dies
        Assert.Equal(2, await work.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(["Grateful Dead", "Lettuce"], reporter.Results.OfType<WorkerResult>().Select(r => r.Artist));
    }

    [Fact]
    public async Task An_artist_without_a_config_stops_the_worker_before_it_claims_anything()
    {
        await using var archive = await ArchiveWithShowsAsync(1);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        using var cancellation = new JobCancellation();

        var error = await Assert.ThrowsAsync<ArtistNotConfiguredException>(() =>
            new ImportWorker(services).RunAsync(new WorkerRequest(["Lettuce", "Nobody"], "r1"), new RecordingReporter(), cancellation));

        Assert.Contains("'Nobody'", error.Message, StringComparison.Ordinal);
        Assert.Empty(services.Runs.Find(new RunFilter()));
    }

    private static async Task<int> WorkAsync(ArchiveServices services, string worker, string round, ConcurrentBag<WorkerResult> results)
    {
        var reporter = new RecordingReporter();
        using var cancellation = new JobCancellation();
        var processed = await new ImportWorker(services).RunAsync(
            new WorkerRequest(Artists, round, worker, PollInterval: TimeSpan.FromMilliseconds(20)), reporter, cancellation);
        Assert.Empty(reporter.Errors);
        foreach (var result in reporter.Results.OfType<WorkerResult>())
        {
            results.Add(result);
        }

        Assert.Equal(processed, reporter.Results.Count);
        return processed;
    }

    private static async Task<FakeArchiveOrg> ArchiveWithShowsAsync(int showsEach)
    {
        var archive = await FakeArchiveOrg.StartAsync();
        var body = File.ReadAllText(ImportPipelineTests.Fixture("gd73-06-10.sbd.hollister.174.sbeok.shnf.json"));
        for (var a = 0; a < Collections.Length; a++)
        {
            for (var i = 0; i < showsEach; i++)
            {
                archive.AddItem($"worker-{a}.{i:00}", body.Replace("\"venue\": \"", $"\"venue\": \"#{a}.{i} ", StringComparison.Ordinal), Collections[a]);
            }
        }

        return archive;
    }
}
