using System.Globalization;
using ArchiveImport.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- import [copies]   download → populate on SQLite and MariaDB
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- scale [--shows 15000] [--engine sqlite|mariadb|both]   populate at collection scale
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- matching [BenchmarkDotNet options]
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- deployhome [--shows 2000] [--database CONN]   a populated home kept for timing deployment/*.ps1
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- browse HOME   the browse queries alone, on a kept home (deployhome --shows 15000 [--database CONN])
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- configscale [--numbered] [songs...]   load + matcher build of a generated artist YAML
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- accuracy   precision and recall per class from the bare song lists
if (args.Length > 0 && args[0] == "accuracy")
{
    var accuracy = new ArchiveImport.Core.Matching.Benchmarking.MatchingAccuracy(Path.Combine(AppContext.BaseDirectory, "fixtures", "matching"));
    foreach (var line in accuracy.Report())
    {
        Console.WriteLine(line);
    }

    return;
}

if (args.Length > 0 && args[0] == "configscale")
{
    var numbered = args.Contains("--numbered");
    var sizes = args[1..].Where(arg => arg != "--numbered").Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray();
    ConfigScaleBenchmark.Run(sizes.Length > 0 ? sizes : [20_000, 50_000, 100_000], numbered);
    return;
}

if (args.Length > 0 && args[0] == "import")
{
    await ImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0);
    return;
}

if (args.Length > 0 && args[0] == "deployhome")
{
    DeploymentHome.Create(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "browse")
{
    ScaleBenchmark.MeasureBrowse(args[1]);
    return;
}

if (args.Length > 0 && args[0] == "scale")
{
    await ScaleBenchmark.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromTypes([typeof(MatchingBenchmarks)]).Run(args.Length > 0 && args[0] == "matching" ? args[1..] : args);
