using System.Globalization;
using ArchiveImport.Core;
using ArchiveImport.Core.Settings;
using ArchiveImport.Testing;

namespace ArchiveImport.Benchmarks;

/// <summary>
/// A home whose catalog holds N populated synthetic shows (the scale benchmark's), left in place so the deployment
/// phase scripts can be timed on it (tests/ArchiveImport.Benchmarks/Measure-DeploymentPhases.ps1, docs/DEPLOYMENT_PLAN.md).
/// </summary>
internal static class DeploymentHome
{
    public static async Task CreateAsync(string[] args)
    {
        var shows = 2_000;
        string? database = null;
        MariaDbServer? server = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shows":
                    shows = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--database":
                    database = args[++i];
                    break;
                case "--private-mariadb":
                    server = await MariaDbServer.StartAsync();
                    database = await server.CreateDatabaseAsync("home");
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown option {args[i]}: use deployhome [--shows N] [--database MYSQL-CONNECTION-STRING | --private-mariadb].");
            }
        }

        // Not disposed: the caller times the phases on it and deletes it.
        var home = TestHome.Create(new Uri("http://127.0.0.1:9/"), database);
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        services.Schema.MigrateUp();
        ScaleBenchmark.WriteDownloadedShows(services, shows);
        var populate = ScaleBenchmark.Populate(services);
        Console.WriteLine($"Populated {shows:N0} shows ({populate.Tracks:N0} tracks) in {populate.Elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"Home={home.Path}");
        if (server is not null)
        {
            // The server lives as long as this process: until standard input ends.
            Console.WriteLine($"Port={server.Port} User={server.UserName} Password={server.Password}; the server stops when standard input ends.");
            while (Console.ReadLine() is not null)
            {
            }

            await server.DisposeAsync();
        }
    }
}
