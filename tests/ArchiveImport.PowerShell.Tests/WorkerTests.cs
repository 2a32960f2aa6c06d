using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// Invoke-ArchiveImportWorker as it runs in production: three archive-import processes, each with a home folder of its
/// own (three machines), sharing one MariaDB catalog and one artist list, one of them SIGKILLed in the middle of an
/// artist. Every wait is on database state or process exit, each bounded.
/// </summary>
[Collection(ConcurrencyCollection.Name)]
public sealed class WorkerTests(MariaDbFixture mariaDb)
{
    private const int Artists = 6, ShowsEach = 35;
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Three_workers_on_three_homes_one_killed_halfway_import_every_show_once_with_the_totals_of_a_single_worker()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.Latency = TimeSpan.FromMilliseconds(25); // an artist's download lasts most of a second: long enough to be killed inside
        var names = Enumerable.Range(1, Artists).Select(n => $"Worker Copy {n}").ToList();
        for (var n = 1; n <= Artists; n++)
        {
            ShowFixtures.Add(archive, $"WorkerCopy{n}", $"wc{n}", ShowsEach);
        }

        var shared = await mariaDb.Server.CreateDatabaseAsync();
        var homes = Enumerable.Range(0, 3).Select(_ => HomeWithArtists(archive, shared, names)).ToList();
        var single = await mariaDb.Server.CreateDatabaseAsync();
        using var reference = HomeWithArtists(archive, single, names);
        try
        {
            Migrate(homes[0]);
            Migrate(reference);
            var command = $"Invoke-ArchiveImportWorker -Artist {string.Join(", ", names.Select(n => $"'{n}'"))} -Round r1 -ThrottleLimit 2 | Out-Null";
            var workers = homes.Select(h => RunningShell.Start(h.Path, "-NonInteractive", "-Command", command)).ToList();
            // The single worker the totals are compared with, on a database of its own, at the same time.
            using var alone = RunningShell.Start(reference.Path, "-NonInteractive", "-Command", command.Replace("r1", "ref", StringComparison.Ordinal));
            var victim = workers[1];
            var probe = CatalogProbe.MySql(shared);

            // Killed once it is inside an artist: a download with some shows written, or a populate.
            await WaitUntilAsync(() => victim.HasExited || probe.ScalarOr(
                $"""
                SELECT COUNT(*) FROM archivedotorg_import_run r
                WHERE r.pid = {victim.Id} AND r.status = 'running'
                  AND (r.run_type = 'populate' OR (SELECT COUNT(*) FROM archivedotorg_show_metadata m WHERE m.artist_id = r.artist_id) >= 10)
                """, 0) > 0);
            Assert.False(victim.HasExited, "the worker to kill ended before it was inside an artist");
            victim.Kill();
            foreach (var survivor in workers.Where(w => w != victim))
            {
                var outcome = await survivor.WaitAsync(ProcessLimit);
                Assert.True(outcome.ExitCode == 0, outcome.Errors);
            }

            var aloneOutcome = await alone.WaitAsync(ProcessLimit);
            Assert.True(aloneOutcome.ExitCode == 0, aloneOutcome.Errors);

            // Every show once: all listed, every importable one in the catalog with its body, none twice.
            var importable = ShowsEach - ShowsEach / 25;
            Assert.Equal(Artists * ShowsEach, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_show_metadata"));
            Assert.Equal(Artists * importable, probe.Scalar("SELECT COUNT(*) FROM catalog_show"));
            Assert.Equal(Artists * importable, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_show_metadata_content"));
            Assert.Equal(probe.Scalar("SELECT SUM(track_count) FROM catalog_show"), probe.Scalar("SELECT COUNT(*) FROM catalog_track"));

            // Each artist downloaded and populated to the end exactly once in the round; the killed worker's run, marked by its successor.
            Assert.Equal(0, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'running'"));
            Assert.Equal(
                names.Select(n => $"{n} | 1 | 1").ToList(),
                probe.Rows(
                    """
                    SELECT a.artist_name, SUM(r.run_type = 'download'), SUM(r.run_type = 'populate')
                    FROM archivedotorg_import_run r JOIN archivedotorg_artist a ON a.artist_id = r.artist_id
                    WHERE r.status = 'completed' GROUP BY a.artist_name ORDER BY a.artist_name
                    """).Select(r => string.Join(" | ", r)).ToList());
            var failed = probe.Rows("SELECT pid, error_message FROM archivedotorg_import_run WHERE status <> 'completed'");
            Assert.NotEmpty(failed);
            Assert.All(failed, f => Assert.Equal((victim.Id.ToString(), true), (f[0], f[1].Contains("ended without finishing", StringComparison.Ordinal))));
            Assert.Equal(Artists, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_worker_round WHERE round_name = 'r1' AND outcome = 'Completed'"));

            Assert.Equal(Totals(CatalogProbe.MySql(single)), Totals(probe));
        }
        finally
        {
            homes.ForEach(h => h.Dispose());
        }
    }

    /// <summary>Every artist's status and unmatched counts, as an operator's dashboard reads them.</summary>
    private static IReadOnlyList<string> Totals(CatalogProbe probe) => probe.Rows(
        """
        SELECT a.artist_name, s.shows_downloaded, s.shows_not_importable, s.shows_populated, s.tracks_total, s.tracks_matched,
               s.tracks_unmatched, s.tracks_ignored, s.match_rate,
               (SELECT SUM(u.occurrences) FROM archivedotorg_unmatched_track u WHERE u.artist_id = a.artist_id),
               (SELECT COUNT(*) FROM catalog_show c WHERE c.artist_id = a.artist_id)
        FROM archivedotorg_artist a JOIN archivedotorg_artist_status s ON s.artist_id = a.artist_id ORDER BY a.artist_name
        """).Select(r => string.Join(" | ", r)).ToList();

    private static TestHome HomeWithArtists(FakeArchiveOrg archive, string database, IReadOnlyList<string> names)
    {
        var home = TestHome.Create(archive.BaseAddress, database);
        for (var n = 0; n < names.Count; n++)
        {
            ShowFixtures.AddArtistCopy(home, names[n], $"WorkerCopy{n + 1}");
        }

        return home;
    }

    /// <summary>What Update-ArchiveDatabase does, without loading a PowerShell session for it.</summary>
    private static void Migrate(TestHome home) =>
        new Core.ArchiveServices(Core.Settings.SettingsLoader.Load(_ => null, home.Path)).Schema.MigrateUp();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ProcessLimit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {ProcessLimit}");
            await Task.Delay(25);
        }
    }
}
