using System.Diagnostics;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Settings;
using ArchiveImport.Testing;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// Times download → populate of the recorded archive.org fixtures through the fake archive.org on loopback,
/// on the embedded SQLite catalog and on a private MariaDB server.
/// </summary>
internal static class ImportBenchmark
{
    /// <param name="copies">How many extra copies of each recorded show to serve (0 = the recorded fixtures only).</param>
    public static async Task RunAsync(int copies)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org");
        var shows = new Dictionary<string, string>
        {
            ["Grateful Dead"] = "gd73-06-10.sbd.hollister.174.sbeok.shnf.json",
            ["Yonder Mountain String Band"] = "ymsb2006-07-03.flac16.json",
        };
        var collections = new Dictionary<string, string> { ["Grateful Dead"] = "GratefulDead", ["Yonder Mountain String Band"] = "YonderMountainStringBand" };
        foreach (var (artist, file) in shows)
        {
            var body = File.ReadAllText(Path.Combine(fixtures, file));
            for (var i = 0; i < copies; i++)
            {
                archive.AddItem($"{Path.GetFileNameWithoutExtension(file)}.copy{i:0000}", body, collections[artist]);
            }
        }

        await using var mariaDb = await MariaDbServer.StartAsync();
        Console.WriteLine($"MariaDB private server started in {mariaDb.StartupTime.TotalSeconds:0.0} s");
        Console.WriteLine($"{"engine",-8} {"artist",-28} {"shows",6} {"tracks",7} {"download s",11} {"populate s",11} {"ms/show",8}");
        foreach (var engine in new[] { "sqlite", "mariadb" })
        {
            using var home = TestHome.Create(archive.BaseAddress, engine == "mariadb" ? await mariaDb.CreateDatabaseAsync("bench") : null);
            var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
            services.Schema.MigrateUp();
            foreach (var artist in shows.Keys)
            {
                var reporter = new SilentReporter();
                var download = Stopwatch.StartNew();
                var run = await new DownloadJob(services).RunAsync(new DownloadRequest(artist), reporter, CancellationToken.None);
                download.Stop();

                var populate = Stopwatch.StartNew();
                using var job = new PopulateJob(services, reporter);
                job.Populate(artist, null, CancellationToken.None);
                var tracks = job.End().Sum(r => r.TracksProcessed);
                populate.Stop();
                var total = download.Elapsed + populate.Elapsed;
                Console.WriteLine($"{engine,-8} {artist,-28} {run.ShowsProcessed,6} {tracks,7} {download.Elapsed.TotalSeconds,11:0.000} {populate.Elapsed.TotalSeconds,11:0.000} {total.TotalMilliseconds / run.ShowsProcessed,8:0.0}");
            }
        }
    }
}

internal sealed class SilentReporter : IJobReporter
{
    public void Result(object item)
    {
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
