using System.Runtime.InteropServices;
using ArchiveImport.Testing;

// A private mariadbd for test suites that are not .NET (the Pester specs): starts the server the xUnit tests use in a
// temp folder on a free port, creates one empty database, prints its connection string on one line, and serves until
// SIGTERM, Ctrl+C or stdin closing. It removes its folder when it stops; if it is killed, the server's watchdog does.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine("Usage: ArchiveImport.TestMariaDb [--ignore-stdin]\nPrints \"ConnectionString=...\" and serves until SIGTERM, Ctrl+C or stdin closes.");
    return 0;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOn);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOn);

MariaDbServer server;
try
{
    server = await MariaDbServer.StartAsync(stop.Token);
}
catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}

await using (server)
{
    Console.WriteLine($"ConnectionString={await server.CreateDatabaseAsync("pester")}");
    var stopped = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    var watchStdin = !args.Contains("--ignore-stdin") && Console.IsInputRedirected;
    var stdinClosed = watchStdin
        ? Console.OpenStandardInput().CopyToAsync(Stream.Null, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default)
        : stopped;
    await Task.WhenAny(stopped, stdinClosed);
}

return 0;

void StopOn(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
