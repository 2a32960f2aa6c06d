using System.Diagnostics;
using System.Globalization;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// Populate at collection scale: a seeded set of synthetic Grateful Dead shows written as if downloaded (metadata
/// files + archivedotorg_show_metadata rows), then populate, re-populate with nothing changed, Get-ArchiveHealth and
/// Get-ArchiveImportRun against a long run history, on SQLite and on a private MariaDB at default durability.
/// </summary>
internal static class ScaleBenchmark
{
    private const string Artist = "Grateful Dead";
    private const int GeneratorSeed = 20261123;

    public static async Task RunAsync(string[] args)
    {
        var shows = 15_000;
        var engines = new[] { "sqlite", "mariadb" };
        var bufferPoolMb = 256;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shows":
                    shows = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--buffer-pool-mb":
                    bufferPoolMb = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--engine":
                    engines = args[++i] == "both" ? engines : [args[i]];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}: use scale [--shows N] [--engine sqlite|mariadb|both] [--buffer-pool-mb N].");
            }
        }

        MariaDbServer? mariaDb = null;
        try
        {
            foreach (var engine in engines)
            {
                string? connectionString = null;
                if (engine == "mariadb")
                {
                    mariaDb ??= await MariaDbServer.StartAsync();
                    connectionString = await mariaDb.CreateDatabaseAsync("scale");
                }

                await RunEngineAsync(engine, shows, connectionString, bufferPoolMb);
            }
        }
        finally
        {
            if (mariaDb is not null)
            {
                await mariaDb.DisposeAsync();
            }
        }
    }

    /// <summary>The server resizes its pool in the background; up to 10 s until its status says it has finished.</summary>
    private static void WaitForBufferPoolResize(System.Data.IDbConnection connection)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = connection.QueryFirstOrDefault<(string Name, string Value)>("SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'").Value ?? "";
            if (status.Length == 0 || status.Contains("Completed", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            Thread.Sleep(100);
        }
    }

    private static async Task RunEngineAsync(string engine, int showCount, string? connectionString, int bufferPoolMb)
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9/"), connectionString);
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        services.Schema.MigrateUp();
        if (connectionString is not null)
        {
            // Default durability: the test server relaxes it to 2 to keep the suite quick; the issue measured 1.
            using var connection = services.Database.Open();
            connection.Execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
            // A production server's pool holds the catalog (~150 MB at 15,000 shows); the test server's 64 MB does not.
            // Server configuration, not code: --buffer-pool-mb 64 measures the small pool.
            connection.Execute($"SET GLOBAL innodb_buffer_pool_size = {bufferPoolMb * 1024L * 1024L}");
            WaitForBufferPoolResize(connection);
            Console.WriteLine($"[{engine}] {connection.ExecuteScalar<string>("SELECT VERSION()")}, innodb_flush_log_at_trx_commit=" +
                connection.ExecuteScalar<string>("SELECT @@innodb_flush_log_at_trx_commit") +
                $", buffer pool {connection.ExecuteScalar<long>("SELECT @@innodb_buffer_pool_size") / (1024 * 1024)} MB");
        }

        var seed = Stopwatch.StartNew();
        var tracks = WriteDownloadedShows(services, showCount);
        Console.WriteLine($"[{engine}] seeded {showCount:N0} shows ({tracks:N0} track files) in {seed.Elapsed.TotalSeconds:0.0} s");

        var first = Populate(services);
        Console.WriteLine($"[{engine}] populate: {first.Elapsed.TotalSeconds:0.00} s (this process's CPU {first.Cpu.TotalSeconds:0.0} s), {first.Tracks:N0} tracks, peak working set {first.PeakWorkingSet / (1024 * 1024)} MB; " +
            $"shows/s at 10 % {first.RateAt(0.10):0}, 50 % {first.RateAt(0.50):0}, 100 % {first.RateAt(1.0):0}; statuses {first.Statuses}");
        var again = Populate(services);
        Console.WriteLine($"[{engine}] re-populate, nothing changed: {again.Elapsed.TotalSeconds:0.00} s (CPU {again.Cpu.TotalSeconds:0.00} s; {again.Statuses})");

        using (var connection = services.Database.Open())
        {
            var status = connection.QuerySingle(
                "SELECT shows_populated, tracks_total, tracks_matched, tracks_unmatched, tracks_ignored, match_rate FROM archivedotorg_artist_status");
            Console.WriteLine($"[{engine}] artist status: {string.Join(", ", ((IDictionary<string, object>)status).Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        MeasureBrowse(engine, services);
        ArtworkBenchmark.Measure(engine, services, Artist);

        var health = new HealthService(services);
        var firstCall = Stopwatch.StartNew();
        var results = health.Run().ToList();
        Console.WriteLine($"[{engine}] Get-ArchiveHealth cold (first call in this process, after the populate): {firstCall.Elapsed.TotalMilliseconds:0.0} ms; " +
            string.Join(", ", results.GroupBy(r => r.Id).Select(g => $"{g.Key} {g.First().Duration.TotalMilliseconds:0.0}")) + " ms");
        var healthMs = WarmTiming.Median(() => health.Run().ToList());
        var diskMs = WarmTiming.Median(() => health.Run(id => id == "metadata-disk").ToList());
        var baseMs = WarmTiming.Median(() => health.Run(_ => false).ToList());
        Console.WriteLine($"[{engine}] Get-ArchiveHealth warm: {healthMs:0.0} ms (median of 7; database+schema alone {baseMs:0.0} ms, with metadata-disk {diskMs:0.0} ms)");
        Console.WriteLine($"[{engine}]   per check (with database+schema): " + string.Join(", ", HealthRegistry.Ids.Select(id => $"{id} {WarmTiming.Median(() => health.Run(c => c == id).ToList(), 3):0.0}")) + " ms");
        Console.WriteLine($"[{engine}]   metadata-disk: {results.Single(r => r.Id == "metadata-disk").Message}");

        AddRunHistory(services, 10_000);
        var runsFilter = new RunFilter(Artists: [Artist], Last: 20);
        services.Runs.Find(runsFilter);
        var runsMs = WarmTiming.Median(() => services.Runs.Find(runsFilter), 21);
        Console.WriteLine($"[{engine}] Get-ArchiveImportRun -Artist '{Artist}' (last 20 of 10,000 runs of 4 artists) warm: {runsMs:0.00} ms (median of 21)");

        var withHistory = new HealthService(services);
        var historyFirst = Stopwatch.StartNew();
        withHistory.Run().ToList();
        Console.WriteLine($"[{engine}] Get-ArchiveHealth with 10,000 runs, first call: {historyFirst.Elapsed.TotalMilliseconds:0.0} ms; warm: {WarmTiming.Median(() => withHistory.Run().ToList()):0.0} ms (median of 7)");
        Console.WriteLine($"[{engine}]   per check (with database+schema): " + string.Join(", ", HealthRegistry.Ids.Select(id => $"{id} {WarmTiming.Median(() => withHistory.Run(c => c == id).ToList(), 3):0.0}")) + " ms");
        foreach (var result in withHistory.Run(id => id is "import-processes" or "scheduled-import" or "import-success-rate" or "database-disk"))
        {
            Console.WriteLine($"[{engine}]   {result.Id}: {result.Status}, {result.Message}");
        }

        MeasureDashboard(engine, services, home.Path);

        if (connectionString is not null)
        {
            Explain(services);
        }

        await Task.CompletedTask;
    }

    /// <summary>Writes the shows as a download would leave them: one metadata file each, one show_metadata row each.</summary>
    internal static long WriteDownloadedShows(ArchiveServices services, int count)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var generator = new SyntheticShows(GeneratorSeed, fixtures);
        var artistId = services.Artists.Ensure(Artist, "GratefulDead", services.Now);
        long trackFiles = 0;
        using var connection = services.Database.Open();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            var rows = new List<object>();
            foreach (var i in chunk)
            {
                var (identifier, body, updated) = generator.Next(i);
                var path = services.MetadataFiles.PathFor(Artist, identifier);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, body);
                trackFiles += ArchiveItemParser.Parse(identifier, body).Show?.Tracks.Count ?? 0;
                rows.Add(new
                {
                    artist_id = artistId, identifier, status = ShowMetadataStatus.Downloaded, file_path = path,
                    content_hash = ContentHash.Compute(body), bytes = (long)body.Length, source_updated = updated,
                    downloaded_at = services.Now, checked_at = services.Now,
                });
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(
                """
                INSERT INTO archivedotorg_show_metadata (artist_id, identifier, status, file_path, content_hash, bytes, source_updated, downloaded_at, checked_at)
                VALUES (@artist_id, @identifier, @status, @file_path, @content_hash, @bytes, @source_updated, @downloaded_at, @checked_at)
                """, rows, transaction);
            transaction.Commit();
        }

        return trackFiles;
    }

    internal static PopulateMeasurement Populate(ArchiveServices services)
    {
        var reporter = new TimingReporter();
        long peak = 0;
        void Sample()
        {
            using var process = Process.GetCurrentProcess();
            peak = Math.Max(peak, process.WorkingSet64);
        }

        using var sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        reporter.Clock.Start();
        using var job = new PopulateJob(services, reporter);
        job.Populate(Artist, null, CancellationToken.None);
        var run = job.End().Single();
        var elapsed = reporter.Clock.Elapsed;
        Sample();
        return new PopulateMeasurement(elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, run.TracksProcessed, peak, reporter.Done,
            string.Join(", ", reporter.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
    }

    private static void AddRunHistory(ArchiveServices services, int count)
    {
        // The history is shared by four artists, as on a real catalog: a quarter of the runs are the measured artist's.
        var artistIds = new[] { Artist, "Lettuce", "String Cheese Incident", "Yonder Mountain String Band" }
            .Select(name => services.Artists.Ensure(name, name.Replace(" ", "", StringComparison.Ordinal), services.Now)).ToArray();
        // Every 55 minutes up to an hour ago, so the last 7 days hold runs as on a catalog that imports on schedule.
        var start = services.Now.AddMinutes(-55.0 * count - 60);
        using var connection = services.Database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO archivedotorg_import_run (artist_id, run_type, status, started_at, finished_at, heartbeat_at, shows_processed, tracks_processed, host, pid, stop_requested)
            VALUES (@artistId, @type, @status, @started, @finished, @finished, 10, 140, 'bench', 1, @no)
            """,
            Enumerable.Range(0, count).Select(i => new
            {
                artistId = artistIds[i % artistIds.Length], type = i / 4 % 2 == 0 ? "download" : "populate", status = i % 50 == 0 ? RunStatus.Failed : RunStatus.Completed,
                started = start.AddMinutes(i * 55), finished = start.AddMinutes(i * 55 + 5), no = false,
            }),
            transaction);
        transaction.Commit();
    }

    /// <summary>EXPLAIN of every query Get-ArchiveHealth and Get-ArchiveImportRun run, and of the runbook's dashboard SQL.</summary>
    private static void Explain(ArchiveServices services)
    {
        var artistId = services.Artists.Find(Artist)!.Value;
        var week = services.Now.AddDays(-7).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        const string Runs = """
            SELECT r.run_id, a.artist_name, r.artist_id, r.run_type, r.status, r.started_at, r.finished_at, r.heartbeat_at, r.shows_total,
                   r.shows_processed, r.shows_failed, r.tracks_processed, r.host, r.pid, r.stop_requested, r.error_message
            FROM archivedotorg_import_run r JOIN archivedotorg_artist a ON a.artist_id = r.artist_id
            """;
        const string RunsAlone = """
            SELECT r.run_id, (SELECT a.artist_name FROM archivedotorg_artist a WHERE a.artist_id = r.artist_id), r.artist_id, r.run_type, r.status,
                   r.started_at, r.finished_at, r.heartbeat_at, r.shows_total, r.shows_processed, r.shows_failed, r.tracks_processed, r.host, r.pid,
                   r.stop_requested, r.error_message
            FROM archivedotorg_import_run r
            """;
        var queries = new (string Name, string Sql)[]
        {
            ("health schema", $"SELECT MAX(Version) FROM {SchemaMigrator.VersionTable}"),
            ("health active-imports/dead-runs/locks (Running)", Runs + " WHERE r.status = 'running' ORDER BY r.run_id"),
            ("health failed-imports-24h/import-success-rate/scheduled-import (StartedOrEndedSince, 7 days)",
                RunsAlone + $" WHERE r.started_at >= '{week}' OR r.finished_at >= '{week}' ORDER BY r.run_id"),
            ("health scheduled-import, nothing in 7 days (LatestStart)", "SELECT MAX(started_at) FROM archivedotorg_import_run"),
            ("health database-disk", "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.TABLES WHERE table_schema = DATABASE()"),
            ("dashboard RecentRuns (Latest)", RunsAlone + " ORDER BY r.run_id DESC LIMIT 20"),
            ("health match-rate (ArtistStatuses)", """
                SELECT a.artist_name, s.tracks_total, s.tracks_matched, s.tracks_unmatched, s.match_rate + 0.0
                FROM archivedotorg_artist_status s JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY s.match_rate
                """),
            ("health unmatched-count", "SELECT COUNT(*) FROM archivedotorg_unmatched_track WHERE resolved = 0"),
            ("health metadata-disk", "SELECT COALESCE(SUM(bytes), 0) FROM archivedotorg_show_metadata"),
            ("Get-ArchiveImportRun -Artist (Find)", Runs + $" WHERE a.artist_name IN ('{Artist}') ORDER BY r.run_id DESC LIMIT 20"),
            ("Get-ArchiveImportRun (Find, no filter)", Runs + " ORDER BY r.run_id DESC LIMIT 20"),
            ("runbook: 7-day import summary", """
                SELECT COUNT(*) as total_imports, SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) as completed,
                  SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) as failed,
                  ROUND(100.0 * SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) / COUNT(*), 2) as success_rate
                FROM archivedotorg_import_run WHERE started_at >= NOW() - INTERVAL 7 DAY
                """),
            ("runbook: lowest match rates", """
                SELECT a.artist_name, s.tracks_matched, s.tracks_unmatched, s.match_rate FROM archivedotorg_artist_status s
                JOIN archivedotorg_artist a ON a.artist_id = s.artist_id ORDER BY s.match_rate ASC LIMIT 10
                """),
            ("runbook: top unmatched", """
                SELECT track_name, occurrences, suggested_match FROM archivedotorg_unmatched_track WHERE resolved = 0
                ORDER BY occurrences DESC LIMIT 20
                """),
            ("populate: artist status recount", $"""
                SELECT SUM(CASE WHEN u = 0 AND m > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN u > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN u = 0 AND m = 0 THEN 1 ELSE 0 END)
                FROM (SELECT track_id, SUM(CASE WHEN match_method IN ('Unmatched', 'Ambiguous') THEN 1 ELSE 0 END) AS u,
                             SUM(CASE WHEN match_method IN ('Exact', 'Alias', 'Phonetic') THEN 1 ELSE 0 END) AS m
                      FROM catalog_track_song WHERE artist_id = {artistId} GROUP BY track_id) per_track
                """),
        };

        using var connection = services.Database.Open();
        Console.WriteLine($"[mariadb] EXPLAIN ({connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_track_song"):N0} track songs, " +
            $"{connection.ExecuteScalar<long>("SELECT COUNT(*) FROM archivedotorg_import_run"):N0} runs)");
        foreach (var (name, sql) in queries)
        {
            Console.WriteLine($"  -- {name}");
            foreach (IDictionary<string, object?> row in connection.Query("EXPLAIN " + sql))
            {
                Console.WriteLine($"     {row["table"],-14} type={row["type"],-7} key={row["key"] ?? "-",-28} rows={row["rows"],-7} {row["Extra"]}");
            }
        }
    }

    /// <summary>Update-ArchiveDailyMetric for today, each dashboard query, and Export-ArchiveDashboard of 30 days.</summary>
    private static void MeasureDashboard(string engine, ArchiveServices services, string homePath)
    {
        var today = DateOnly.FromDateTime(services.Now);
        var aggregator = new DailyMetricAggregator(services.Database);
        var recomputeMs = WarmTiming.Median(() => aggregator.Recompute(today, services.Now), 5);
        Console.WriteLine($"[{engine}] Update-ArchiveDailyMetric (one day, the whole catalog) warm: {recomputeMs:0.0} ms (median of 5)");

        var queries = new DashboardQueries(services);
        var from = today.AddDays(-29);
        var names = queries.TimeAll(from, today).Select(t => t.Query).ToList();
        var samples = Enumerable.Range(0, 7).Select(_ => queries.TimeAll(from, today)).ToList();
        Console.WriteLine($"[{engine}]   dashboard queries (median of 7): " + string.Join(", ", names.Select((name, i) =>
            $"{name} {samples.Select(s => s[i].Elapsed.TotalMilliseconds).Order().ElementAt(3):0.00}")) + " ms");

        var exporter = new DashboardExporter(services);
        var path = Path.Combine(homePath, "dashboard.html");
        var exportMs = WarmTiming.Median(() => exporter.Export(path, from, today), 5);
        Console.WriteLine($"[{engine}] Export-ArchiveDashboard (30 days, with health) warm: {exportMs:0.0} ms (median of 5), {new FileInfo(path).Length / 1024} KB");
    }

    /// <summary>The browse queries on the catalog of a kept home, without seeding or populating it again.</summary>
    internal static void MeasureBrowse(string homePath)
    {
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, homePath));
        services.Schema.MigrateUp();
        MeasureBrowse(services.Settings.Database.Engine == DatabaseEngine.Sqlite ? "sqlite" : "mariadb", services);
    }

    /// <summary>Get-ArchiveShow, -Recording, -Track and -Song as an operator asks them, each warm, median of 7.</summary>
    private static void MeasureBrowse(string engine, ArchiveServices services)
    {
        var browser = services.Browser;
        var some = browser.Recordings(new ShowQuery([Artist], Year: 1977, Month: 5)).First();
        var busiest = browser.Concerts(new ShowQuery([Artist])).MaxBy(c => c.RecordingCount)!;
        Console.WriteLine($"[{engine}] concerts: {browser.Concerts(new ShowQuery([Artist])).Count:N0}, most recordings of one: {busiest.RecordingCount} ({busiest.Date})");
        var queries = new (string Name, Func<int> Run)[]
        {
            ("Get-ArchiveShow -Year 1977", () => browser.Concerts(new ShowQuery([Artist], Year: 1977)).Count),
            ("Get-ArchiveShow -Year 1977 -Month 5", () => browser.Concerts(new ShowQuery([Artist], Year: 1977, Month: 5)).Count),
            ("Get-ArchiveShow -Identifier", () => browser.Concerts(new ShowQuery(Identifier: some.Identifier)).Count),
            ("Get-ArchiveShow -Venue '*Fillmore*' -Year 1969", () => browser.Concerts(new ShowQuery([Artist], Year: 1969, Venue: "*Fillmore*")).Count),
            ("Get-ArchiveShow -Song 'Dark Star' -Year 1973", () => browser.Concerts(new ShowQuery([Artist], Year: 1973, Song: "Dark Star")).Count),
            ("Get-ArchiveShow -Source SBD -Year 1977", () => browser.Concerts(new ShowQuery([Artist], Year: 1977, Source: "SBD")).Count),
            ("Get-ArchiveRecording -Identifier", () => browser.Recordings(new ShowQuery(Identifier: some.Identifier)).Count),
            ("Get-ArchiveTrack -Identifier", () => browser.Tracks(new TrackQuery(Identifier: some.Identifier)).Count),
            ("Get-ArchiveSong 'Dark Star'", () => browser.Songs([Artist], "Dark Star").Count),
            ("Get-ArchiveShow -Song 'Dark Star' (every year)", () => browser.Concerts(new ShowQuery([Artist], Song: "Dark Star")).Count),
            ("Get-ArchiveTrack -Song 'Dark Star' (every year)", () => browser.Tracks(new TrackQuery([Artist], Song: "Dark Star")).Count),
            ("Get-ArchiveSong -Artist (every song's history, a report)", () => browser.Songs([Artist], null).Count),
        };
        foreach (var (name, run) in queries)
        {
            var count = run();
            Console.WriteLine($"[{engine}]   {name}: {WarmTiming.Median(() => run()):0.00} ms warm (median of 7), {count:N0} objects");
        }
    }

    internal sealed record PopulateMeasurement(TimeSpan Elapsed, TimeSpan Cpu, int Tracks, long PeakWorkingSet, List<TimeSpan> Done, string Statuses)
    {
        /// <summary>Shows per second over the 5 % of shows that end at this fraction of the run.</summary>
        public double RateAt(double fraction)
        {
            var end = Math.Max(1, (int)Math.Round(Done.Count * fraction)) - 1;
            var start = Math.Max(0, end - Math.Max(1, Done.Count / 20));
            var seconds = (Done[end] - (start == 0 ? TimeSpan.Zero : Done[start])).TotalSeconds;
            return seconds <= 0 ? double.NaN : (end - start + (start == 0 ? 1 : 0)) / seconds;
        }
    }

    private sealed class TimingReporter : IJobReporter
    {
        public Stopwatch Clock { get; } = new();
        public List<TimeSpan> Done { get; } = new(20_000);
        public Dictionary<string, int> Statuses { get; } = [];

        public void Result(object item)
        {
            Done.Add(Clock.Elapsed);
            var status = ((PopulateResult)item).Status;
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
        }

        public void Error(Exception exception, string errorId, ProblemKind kind, object? target) => Console.Error.WriteLine($"{target}: {exception.Message}");

        public void Progress(JobProgress progress)
        {
        }

        public void ProgressCompleted(string activity)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message) => Console.Error.WriteLine(message);
    }
}
