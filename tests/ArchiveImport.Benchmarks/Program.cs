using System.Globalization;
using ArchiveImport.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- import [copies]   download → populate on SQLite and MariaDB
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- scale [--shows 15000] [--engine sqlite|mariadb|both]   populate at collection scale
// dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- matching [BenchmarkDotNet options]
if (args.Length > 0 && args[0] == "import")
{
    await ImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0);
    return;
}

if (args.Length > 0 && args[0] == "scale")
{
    await ScaleBenchmark.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromTypes([typeof(MatchingBenchmarks)]).Run(args.Length > 0 && args[0] == "matching" ? args[1..] : args);
