using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>
/// Populate writes several shows per transaction and counts the artist's status once at the end of a run: the status
/// is right however a run ends, a failed write leaves every show of its batch as it was, and replacing a show touches
/// only its own rows.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class PopulateBatchTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public PopulateBatchTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Artist_status_is_right_after_a_populate_with_a_failed_show_and_after_a_repopulate(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(PopulateSession.ShowsPerCommit + 5);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        var broken = identifiers[7];
        File.WriteAllText(services.MetadataFiles.PathFor(Artist, broken), "{ \"metadata\": ");
        using (var connection = services.Database.Open())
        {
            // A show downloaded before the catalog kept bodies: its broken file is all there is.
            connection.Execute("DELETE FROM archivedotorg_show_metadata_content WHERE identifier = @broken", new { broken });
        }

        var reporter = new RecordingReporter();
        ImportRun run;
        using (var job = new PopulateJob(services, reporter))
        {
            job.Populate(Artist, identifiers, CancellationToken.None);
            run = Assert.Single(job.End());
        }

        var results = reporter.Results.OfType<PopulateResult>().ToList();
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(PopulateStatus.Failed, Assert.Single(results, r => r.Status != PopulateStatus.Populated).Status);
        var populated = results.Where(r => r.Status == PopulateStatus.Populated).ToList();
        Assert.Equal(identifiers.Count - 1, populated.Count);
        Assert.Equal((identifiers.Count, 1, populated.Sum(r => r.Tracks)), (run.ShowsProcessed, run.ShowsFailed, run.TracksProcessed));
        AssertStatus(services, populated);

        var again = ImportPipelineTestsPopulate(services, identifiers);
        Assert.Equal(identifiers.Count - 1, again.Count(r => r.Status == PopulateStatus.Unchanged));
        AssertStatus(services, populated);

        var forced = ImportPipelineTestsPopulate(services, identifiers, force: true);
        Assert.Equal(identifiers.Count - 1, forced.Count(r => r.Status == PopulateStatus.Populated));
        AssertStatus(services, populated);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_cancelled_run_keeps_and_counts_the_shows_it_reported_and_the_next_run_completes_the_status(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(PopulateSession.ShowsPerCommit + 5);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        var stopAfter = PopulateSession.ShowsPerCommit + 2; // one full batch committed, the second cut short

        using var cancellation = new CancellationTokenSource();
        var reporter = new CancellingReporter(cancellation, stopAfter);
        using (var job = new PopulateJob(services, reporter))
        {
            Assert.Throws<OperationCanceledException>(() => job.Populate(Artist, identifiers, cancellation.Token));
            var run = Assert.Single(job.End(StopReason.ByUser));
            Assert.Equal(RunStatus.Cancelled, run.Status);
            Assert.Equal(stopAfter, run.ShowsProcessed);
            Assert.Equal(reporter.Results.Sum(r => r.Tracks), run.TracksProcessed);
        }

        Assert.Equal(stopAfter, reporter.Results.Count);
        AssertStatus(services, reporter.Results);

        var rest = ImportPipelineTestsPopulate(services, identifiers);
        Assert.Equal(identifiers.Count - stopAfter, rest.Count(r => r.Status == PopulateStatus.Populated));
        AssertStatus(services, [.. reporter.Results, .. rest.Where(r => r.Status == PopulateStatus.Populated)]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_failed_write_fails_its_own_show_only_and_its_batchmates_are_written_again(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(6);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home, new FrozenClock()); // no heartbeat, so no commit but the batch's own
        var identifiers = await DownloadAsync(services);
        var first = ImportPipelineTestsPopulate(services, identifiers);

        var refused = identifiers[3];
        using (var connection = services.Database.Open())
        {
            connection.Execute(engine == "mariadb"
                ? $"CREATE TRIGGER refuse_show BEFORE INSERT ON catalog_show FOR EACH ROW BEGIN IF NEW.identifier = '{refused}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by a test trigger'; END IF; END"
                : $"CREATE TRIGGER refuse_show BEFORE INSERT ON catalog_show WHEN NEW.identifier = '{refused}' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END;");
        }

        var beforeShows = identifiers.ToDictionary(i => i, i => Show(services, i));
        var reporter = new RecordingReporter();
        ImportRun run;
        using (var job = new PopulateJob(services, reporter, new PopulateOptions(Force: true)))
        {
            job.Populate(Artist, identifiers, CancellationToken.None);
            run = Assert.Single(job.End());
        }

        // The refused show failed alone, as it was before; the three written before it in its batch were rolled back with
        // it, then written again one by one, so every other show is in the catalog, rewritten.
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal((identifiers.Count, 1), (run.ShowsProcessed, run.ShowsFailed));
        var error = Assert.Single(reporter.Errors);
        Assert.Equal("PopulateShowFailed", error.Id);
        Assert.Contains(refused, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("refused by a test trigger", error.Exception.Message, StringComparison.Ordinal);
        var refusedNow = Show(services, refused);
        Assert.Equal(beforeShows[refused].ShowId, refusedNow.ShowId);
        Assert.Equal(beforeShows[refused].Tracks, refusedNow.Tracks); // untouched: the failed write was rolled back
        Assert.All(identifiers.Where(i => i != refused), i =>
        {
            var now = Show(services, i);
            Assert.Equal(beforeShows[i].Tracks.Count, now.Tracks.Count);
            Assert.Empty(now.Tracks.Intersect(beforeShows[i].Tracks)); // its tracks were written anew
        });
        Assert.Equal(identifiers.Count - 1, reporter.Results.OfType<PopulateResult>().Count(r => r.Status == PopulateStatus.Populated));
        AssertStatus(services, first);

        using (var connection = services.Database.Open())
        {
            connection.Execute("DROP TRIGGER refuse_show");
        }

        var forced = ImportPipelineTestsPopulate(services, identifiers, force: true);
        Assert.All(forced, r => Assert.Equal(PopulateStatus.Populated, r.Status));
        AssertStatus(services, forced);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Replacing_a_show_deletes_exactly_its_own_track_songs(string engine)
    {
        await using var archive = await ArchiveWithCopiesAsync(3);
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        ImportPipelineTestsPopulate(services, identifiers);
        var target = identifiers[1];

        using (var connection = services.Database.Open())
        {
            var showId = connection.ExecuteScalar<long>("SELECT show_id FROM catalog_show WHERE identifier = @target", new { target });
            var others = TrackSongsOfOtherShows(connection, target);
            Assert.NotEmpty(others);
            var own = connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id WHERE t.show_id = @showId", new { showId });
            Assert.True(own > 0);

            using var transaction = connection.BeginTransaction();
            var deleted = connection.Execute(services.Database.Dialect.DeleteTrackSongsOfShow, new { showId }, transaction);
            Assert.Equal(own, deleted);
            Assert.Equal(0, connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id WHERE t.show_id = @showId", new { showId }, transaction));
            Assert.Equal(others, TrackSongsOfOtherShows(connection, target, transaction));
            transaction.Rollback();
        }

        using (var connection = services.Database.Open())
        {
            var others = TrackSongsOfOtherShows(connection, target);
            var oldTracks = connection.Query<long>(
                "SELECT t.track_id FROM catalog_track t JOIN catalog_show s ON s.show_id = t.show_id WHERE s.identifier = @target", new { target }).ToList();

            var result = Assert.Single(ImportPipelineTestsPopulate(services, [target], force: true));
            Assert.Equal(PopulateStatus.Populated, result.Status);
            Assert.Equal(others, TrackSongsOfOtherShows(connection, target));
            var newTracks = connection.Query<long>(
                "SELECT t.track_id FROM catalog_track t JOIN catalog_show s ON s.show_id = t.show_id WHERE s.identifier = @target", new { target }).ToList();
            Assert.Equal(result.Tracks, newTracks.Count);
            Assert.Empty(newTracks.Intersect(oldTracks));
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_track_song WHERE track_id IN @oldTracks", new { oldTracks }));
            Assert.Equal(0, connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM catalog_track_song ts LEFT JOIN catalog_track t ON t.track_id = ts.track_id WHERE t.track_id IS NULL"));
        }
    }

    private static List<PopulateResult> ImportPipelineTestsPopulate(ArchiveServices services, IReadOnlyList<string> identifiers, bool force = false) =>
        ImportPipelineTests.Populate(services, identifiers, force);

    /// <summary>The artist's status row against the totals of the populate results of the shows the catalog holds.</summary>
    private static void AssertStatus(ArchiveServices services, IReadOnlyList<PopulateResult> shows)
    {
        using var connection = services.Database.Open();
        var status = connection.QuerySingle<(int Populated, int Total, int Matched, int Unmatched, int Ignored, decimal Rate)>(
            "SELECT shows_populated, tracks_total, tracks_matched, tracks_unmatched, tracks_ignored, match_rate FROM archivedotorg_artist_status");
        int matched = shows.Sum(r => r.Matched), unmatched = shows.Sum(r => r.Unmatched), ignored = shows.Sum(r => r.Ignored);
        Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_show"), status.Populated);
        Assert.Equal(shows.Count, status.Populated);
        Assert.Equal((shows.Sum(r => r.Tracks), matched, unmatched, ignored), (status.Total, status.Matched, status.Unmatched, status.Ignored));
        Assert.True(unmatched > 0, "the fixture has unmatched titles, so the counts are tested");
        Assert.Equal(Math.Round(100m * matched / (matched + unmatched), 2), status.Rate);
    }

    /// <summary>A show's row id and its tracks' ids: the same after a rolled-back write, all new after a rewrite.</summary>
    private static (long ShowId, List<long> Tracks) Show(ArchiveServices services, string identifier)
    {
        using var connection = services.Database.Open();
        var showId = connection.QuerySingle<long>("SELECT show_id FROM catalog_show WHERE identifier = @identifier", new { identifier });
        return (showId, connection.Query<long>("SELECT track_id FROM catalog_track WHERE show_id = @showId ORDER BY track_id", new { showId }).ToList());
    }

    private static string Catalog(ArchiveServices services)
    {
        using var connection = services.Database.Open();
        return string.Join("\n", new[]
        {
            "SELECT show_id, identifier, metadata_hash, matcher_version, populated_at FROM catalog_show ORDER BY show_id",
            "SELECT track_id, show_id, position, title FROM catalog_track ORDER BY track_id",
            "SELECT track_id, song_order, song_id, normalized_text, match_method FROM catalog_track_song ORDER BY track_id, song_order",
            "SELECT normalized_name, occurrences, resolved FROM archivedotorg_unmatched_track ORDER BY normalized_name",
        }.Select(sql => string.Join("\n", connection.Query(sql).Select(row =>
            string.Join("|", ((IDictionary<string, object?>)row).Values.Select(v => v is DateTime d ? d.ToString("O") : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))))));
    }

    private static List<(long TrackId, int Order, string Text)> TrackSongsOfOtherShows(
        System.Data.IDbConnection connection, string identifier, System.Data.IDbTransaction? transaction = null) =>
        connection.Query<(long, int, string)>(
            """
            SELECT ts.track_id, ts.song_order, ts.normalized_text FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id
            JOIN catalog_show s ON s.show_id = t.show_id WHERE s.identifier <> @identifier ORDER BY ts.track_id, ts.song_order
            """, new { identifier }, transaction).ToList();

    private static async Task<FakeArchiveOrg> ArchiveWithCopiesAsync(int copies)
    {
        var archive = await FakeArchiveOrg.StartAsync();
        // One title no song list knows, so the unmatched counts are exercised too.
        var body = File.ReadAllText(ImportPipelineTests.Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json"))
            .Replace("Casey Jones", "Zzyzx Road Shuffle", StringComparison.Ordinal);
        for (var i = 0; i < copies; i++)
        {
            archive.AddItem($"gd70-10-23.copy{i:00}", body, "GratefulDead");
        }

        return archive;
    }

    private static async Task<List<string>> DownloadAsync(ArchiveServices services)
    {
        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        return reporter.Downloads.Where(d => d.Status == DownloadStatus.Downloaded).Select(d => d.Identifier).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A clock that never moves: a run never reaches its next heartbeat.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        private readonly DateTimeOffset now = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Cancels once <paramref name="after"/> shows are reported, as a host does when its pipeline has had enough.</summary>
    private sealed class CancellingReporter(CancellationTokenSource cancellation, int after) : IJobReporter
    {
        public List<PopulateResult> Results { get; } = [];

        public void Result(object item)
        {
            Results.Add((PopulateResult)item);
            if (Results.Count == after)
            {
                cancellation.Cancel();
            }
        }

        public void Error(Exception exception, string errorId, ProblemKind kind, object? target)
        {
        }

        public void Progress(JobProgress progress)
        {
        }

        public void ProgressCompleted(string activity)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }
}
