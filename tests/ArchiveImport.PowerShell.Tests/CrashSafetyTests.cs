using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// archive-import killed with SIGKILL at seeded random moments of a download | populate of a few hundred shows —
/// mid-request, mid-write of a metadata file, mid-transaction of a show — and run again: the run after each kill
/// completes, and what it leaves is exactly what a run that was never killed leaves.
/// </summary>
/// <remarks>
/// Each kill point gets a fresh home: the job starts, is killed at a point drawn from a <see cref="Random"/> seeded
/// with <see cref="Seed"/> (set ARCHIVEIMPORT_CRASH_SEED to replay a failure; the failure message names the seed and
/// every point), and is run again to its end. A point is an amount of progress read from the catalog plus a few
/// milliseconds, not a time since start: process start-up on a loaded machine varies by seconds.
/// </remarks>
[Collection(ConcurrencyCollection.Name)]
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Shows = 200;
    private const int Importable = Shows - Shows / 25;
    private const int KillPoints = 20;
    private const string Job = "Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 4 | Invoke-ArchivePopulate | Out-Null";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private static int Seed => Environment.GetEnvironmentVariable("ARCHIVEIMPORT_CRASH_SEED") is { } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : Environment.TickCount & 0x7FFFFFFF;

    [Fact]
    public async Task Killed_anywhere_and_run_again_the_catalog_and_metadata_equal_a_clean_runs()
    {
        var seed = Seed;
        var random = new Random(seed);
        var log = new StringBuilder($"Seed {seed} (replay with ARCHIVEIMPORT_CRASH_SEED={seed}).");
        await using var archive = await FakeArchiveOrg.StartAsync();
        ShowFixtures.Add(archive, "GratefulDead", "gd-crash", Shows);
        archive.Latency = TimeSpan.FromMilliseconds(5);

        using var clean = TestHome.Create(archive.BaseAddress);
        var first = await ShellProcess.RunAsync(clean.Path, "-Command", Job);
        Assert.True(first.ExitCode == 0, first.Errors);
        var expected = CatalogTableHashes.Take(clean);

        for (var point = 1; point <= KillPoints; point++)
        {
            // Progress counts downloaded rows plus populated shows, which the pipeline makes side by side; 0 means "as soon
            // as the catalog file exists" (mid-migration, mid-listing). The extra delay lands the kill mid-request,
            // mid-write or mid-transaction rather than just after a commit.
            var progress = random.Next(0, 2 * Importable + 1);
            var extra = TimeSpan.FromMilliseconds(random.Next(0, 60));
            log.Append(CultureInfo.InvariantCulture, $"\nKill {point} at progress {progress} + {extra.TotalMilliseconds:0} ms: ");
            using var home = TestHome.Create(archive.BaseAddress);
            try
            {
                using (var victim = RunningShell.Start(home.Path, "-Command", Job))
                {
                    if (!await WaitForProgressAsync(home, progress, victim))
                    {
                        // Populate commits up to 50 shows at once, so the count can jump past a late kill point to the end.
                        var finished = await victim.WaitAsync(TimeSpan.FromSeconds(30));
                        Assert.True(finished.ExitCode == 0, "the run ended early and failed: " + finished.Errors);
                        CatalogTableHashes.Take(home).AssertEqual(expected);
                        log.Append("the run finished before that point: equal.");
                        continue;
                    }

                    await Task.Delay(extra);
                    victim.Kill();
                    var killed = await victim.WaitAsync(TimeSpan.FromSeconds(30));
                    var state = KilledState.Read(home);
                    log.Append(CultureInfo.InvariantCulture, $"{state} (exit {killed.ExitCode}); ");
                    state.AssertConsistent();
                }

                var again = await RunningShell.Start(home.Path, "-Command", Job).WaitAsync(RunLimit);
                Assert.True(again.ExitCode == 0, "the run after the kill failed: " + again.Errors);
                CatalogTableHashes.Take(home).AssertEqual(expected);
                log.Append("run again: equal.");
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{log}\n{ex.Message}", ex);
            }
        }

        output.WriteLine(log.ToString());
    }

    /// <summary>True once the run has made <paramref name="progress"/>; false when it ended before that.</summary>
    private static async Task<bool> WaitForProgressAsync(TestHome home, int progress, RunningShell victim)
    {
        var probe = CatalogProbe.Sqlite(home);
        var deadline = DateTime.UtcNow + RunLimit;
        while (!victim.HasExited && DateTime.UtcNow < deadline)
        {
            if (File.Exists(home.SqlitePath) && (progress == 0 || probe.ScalarOr(
                    "SELECT (SELECT COUNT(*) FROM archivedotorg_show_metadata) + (SELECT COUNT(*) FROM catalog_show)", -1) >= progress))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return victim.HasExited ? false : throw new Xunit.Sdk.XunitException($"The run was still short of progress {progress} after {RunLimit}.");
    }

    /// <summary>What a killed run left, read before anything runs again.</summary>
    private sealed record KilledState(TestHome Home, int Files, long Downloaded, long Populated, int Partial)
    {
        public static KilledState Read(TestHome home)
        {
            var files = Directory.Exists(home.MetadataDirectory)
                ? Directory.GetFiles(home.MetadataDirectory, "*", SearchOption.AllDirectories)
                : [];
            var probe = CatalogProbe.Sqlite(home);
            return new KilledState(
                home,
                files.Count(f => f.EndsWith(".json", StringComparison.Ordinal)),
                File.Exists(home.SqlitePath) ? probe.ScalarOr("SELECT COUNT(*) FROM archivedotorg_show_metadata", 0) : 0,
                File.Exists(home.SqlitePath) ? probe.ScalarOr("SELECT COUNT(*) FROM catalog_show", 0) : 0,
                files.Count(f => f.EndsWith(".partial", StringComparison.Ordinal)));
        }

        /// <summary>A kill leaves whole files and whole shows: every metadata file parses, every show has all its tracks.</summary>
        public void AssertConsistent()
        {
            foreach (var file in Directory.Exists(Home.MetadataDirectory)
                         ? Directory.GetFiles(Home.MetadataDirectory, "*.json", SearchOption.AllDirectories)
                         : [])
            {
                using var parsed = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file));
            }

            if (Populated > 0)
            {
                Assert.Equal(0, CatalogProbe.Sqlite(Home).Scalar(
                    "SELECT COUNT(*) FROM catalog_show s WHERE s.track_count <> (SELECT COUNT(*) FROM catalog_track t WHERE t.show_id = s.show_id)"));
            }
        }

        public override string ToString() => $"{Files} files ({Partial} partial), {Downloaded} downloaded rows, {Populated} shows";
    }
}

/// <summary>
/// A home's end state in a form two runs can be compared by: every metadata file's bytes, and a hash of every catalog
/// table's content. Left out, because they legitimately differ between runs: surrogate ids (replaced by the natural keys
/// they stand for: identifier, position, song key), timestamps, the home's own path in file_path, and the tables
/// that log what happened rather than hold state — archivedotorg_import_run (one row per run, killed runs included;
/// checked on its own: none left running), archivedotorg_activity_log and archivedotorg_daily_metrics (counts of work
/// done, which a killed and repeated run does twice) and archivedotorg_worker_round (which worker finished what). archivedotorg_unmatched_track.track_name is the first spelling
/// populated, and the shows of one download are populated in the order they finish downloading; every spelling of a
/// title in this fixture set is the same, so it is compared.
/// </summary>
internal sealed class CatalogTableHashes
{
    private static readonly IReadOnlyDictionary<string, string> TableQueries = new Dictionary<string, string>
    {
        ["archivedotorg_artist"] = "SELECT artist_name, collection_id FROM archivedotorg_artist ORDER BY artist_name",
        ["archivedotorg_artist_status"] = """
            SELECT a.artist_name, s.shows_downloaded, s.shows_not_importable, s.shows_populated, s.tracks_total, s.tracks_matched,
                   s.tracks_unmatched, s.tracks_ignored, s.match_rate, s.last_download_at IS NULL, s.last_populate_at IS NULL
            FROM archivedotorg_artist_status s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY a.artist_name
            """,
        ["archivedotorg_show_metadata"] = """
            SELECT m.identifier, a.artist_name, m.status, REPLACE(m.file_path, @home, '~'), m.content_hash, m.bytes, m.source_updated, m.reason
            FROM archivedotorg_show_metadata m JOIN archivedotorg_artist a ON a.artist_id = m.artist_id ORDER BY m.identifier
            """,
        // The body's hash stands for the body: the gzip bytes are only its encoding.
        ["archivedotorg_show_metadata_content"] = "SELECT identifier, body_sha256 FROM archivedotorg_show_metadata_content ORDER BY identifier",
        ["archivedotorg_unmatched_track"] = """
            SELECT a.artist_name, u.normalized_name, u.track_name, u.occurrences, u.suggested_match, u.resolved
            FROM archivedotorg_unmatched_track u JOIN archivedotorg_artist a ON a.artist_id = u.artist_id ORDER BY a.artist_name, u.normalized_name
            """,
        ["archivedotorg_studio_albums"] = "SELECT artist_id, album_title, release_year, cover_url FROM archivedotorg_studio_albums ORDER BY artist_id, album_title",
        ["archivedotorg_artwork_overrides"] = "SELECT artist_id, identifier, image_url, note FROM archivedotorg_artwork_overrides ORDER BY identifier, image_url",
        ["catalog_song"] = """
            SELECT a.artist_name, s.song_key, s.song_name FROM catalog_song s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id
            ORDER BY a.artist_name, s.song_key
            """,
        ["catalog_show"] = """
            SELECT s.identifier, a.artist_name, s.show_date, s.title, s.venue, s.coverage, s.source, s.taper, s.lineage, s.audio_format,
                   s.track_count, s.metadata_hash, s.matcher_version
            FROM catalog_show s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY s.identifier
            """,
        ["catalog_track"] = """
            SELECT s.identifier, t.position, t.disc, t.track_number, t.title, t.duration_seconds, t.file_name, t.segue
            FROM catalog_track t JOIN catalog_show s ON s.show_id = t.show_id ORDER BY s.identifier, t.position
            """,
        ["catalog_track_song"] = """
            SELECT s.identifier, t.position, ts.song_order, ts.artist_id = s.artist_id, so.song_key, ts.segment_text, ts.normalized_text, ts.match_method
            FROM catalog_track_song ts JOIN catalog_track t ON t.track_id = ts.track_id JOIN catalog_show s ON s.show_id = t.show_id
            LEFT JOIN catalog_song so ON so.song_id = ts.song_id ORDER BY s.identifier, t.position, ts.song_order
            """,
        ["archivedotorg_maintenance"] = "SELECT maintenance_id, reason, enabled_by, host FROM archivedotorg_maintenance ORDER BY maintenance_id",
        [SchemaVersionTable] = $"SELECT Version, Description FROM {SchemaVersionTable} ORDER BY Version",
        ["catalog_concert"] = """
            SELECT a.artist_name, c.concert_key, c.show_date, c.venue, c.city, c.region, p.identifier, c.recording_count,
                   (SELECT COUNT(*) FROM catalog_show s WHERE s.concert_id = c.concert_id)
            FROM catalog_concert c JOIN archivedotorg_artist a ON a.artist_id = c.artist_id LEFT JOIN catalog_show p ON p.show_id = c.preferred_show_id
            ORDER BY a.artist_name, c.concert_key
            """,
        ["archivedotorg_studio_album_song"] = """
            SELECT al.album_title, sg.song_key FROM archivedotorg_studio_album_song x
                 JOIN archivedotorg_studio_albums al ON al.album_id = x.album_id JOIN catalog_song sg ON sg.song_id = x.song_id
            ORDER BY al.album_title, sg.song_key
            """,
    };

    private const string SchemaVersionTable = ArchiveImport.Core.Storage.SchemaMigrator.VersionTable;

    /// <summary>Tables whose content is a log of what happened, not state (see the class comment).</summary>
    private static readonly string[] LogTables =
        ["archivedotorg_import_run", "archivedotorg_activity_log", "archivedotorg_daily_metrics", "archivedotorg_worker_round"];

    private CatalogTableHashes(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, (string Hash, IReadOnlyList<string> Rows)> tables)
    {
        Files = files;
        Tables = tables;
    }

    /// <summary>Metadata file (relative path) → SHA-256 of its bytes.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Table → hash of its rows, and the rows themselves for the failure message.</summary>
    public IReadOnlyDictionary<string, (string Hash, IReadOnlyList<string> Rows)> Tables { get; }

    public static CatalogTableHashes Take(TestHome home)
    {
        Assert.Empty(Directory.GetFiles(home.Path, "*.partial", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(home.Path, "*.tmp", SearchOption.AllDirectories));

        var files = Directory.GetFiles(home.MetadataDirectory, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(home.MetadataDirectory, f),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);

        var probe = CatalogProbe.Sqlite(home);
        Assert.Equal(0, probe.Scalar("SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'running'"));
        Assert.Equal(0, probe.Scalar(
            "SELECT COUNT(*) FROM archivedotorg_import_run WHERE status = 'failed' AND error_message NOT LIKE '%ended without finishing%'"));
        var tableNames = probe.Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Select(r => r[0]).ToList();
        var unaccounted = tableNames.Except(TableQueries.Keys).Except(LogTables).ToList();
        Assert.True(unaccounted.Count == 0, $"Tables neither compared nor excluded: {string.Join(", ", unaccounted)}. Add them to CatalogTableHashes.");

        var homePath = home.Path.Replace("'", "''", StringComparison.Ordinal);
        var tables = new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var (table, sql) in TableQueries)
        {
            var rows = probe.Rows(sql.Replace("@home", $"'{homePath}'", StringComparison.Ordinal)).Select(r => string.Join(" | ", r)).ToList();
            tables[table] = (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows)))), rows);
        }

        return new CatalogTableHashes(files, tables);
    }

    public void AssertEqual(CatalogTableHashes expected)
    {
        Assert.Equal(expected.Files.Keys.Order(StringComparer.Ordinal), Files.Keys.Order(StringComparer.Ordinal));
        var differentFiles = expected.Files.Where(f => Files[f.Key] != f.Value).Select(f => f.Key).ToList();
        Assert.True(differentFiles.Count == 0, $"Metadata files differ from a clean run's: {string.Join(", ", differentFiles.Take(5))}");

        foreach (var (table, (hash, rows)) in expected.Tables)
        {
            var actual = Tables[table];
            if (actual.Hash != hash)
            {
                var firstDifference = Enumerable.Range(0, Math.Max(rows.Count, actual.Rows.Count))
                    .First(i => i >= rows.Count || i >= actual.Rows.Count || rows[i] != actual.Rows[i]);
                throw new Xunit.Sdk.XunitException(
                    $"{table} differs from a clean run's ({actual.Rows.Count} rows, clean {rows.Count}); first difference at row {firstDifference}:\n" +
                    $"  clean: {(firstDifference < rows.Count ? rows[firstDifference] : "(none)")}\n" +
                    $"  here:  {(firstDifference < actual.Rows.Count ? actual.Rows[firstDifference] : "(none)")}");
            }
        }
    }
}
