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
    public static void Create(string[] args)
    {
        var shows = 2_000;
        string? database = null;
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
                default:
                    throw new ArgumentException($"Unknown option {args[i]}: use deployhome [--shows N] [--database MYSQL-CONNECTION-STRING].");
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
    }
}
