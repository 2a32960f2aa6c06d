using System.Globalization;
using System.Runtime.InteropServices;
using ArchiveImport.FakeArchive;
using ArchiveImport.Testing;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

CommandLine options;
try
{
    options = CommandLine.Parse(args);
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}{Environment.NewLine}{CommandLine.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOn);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOn);

FakeArchiveOrg fake;
try
{
    fake = await FakeArchiveOrg.StartAsync(options.FixturesDirectory, options.Port, stop.Token);
}
catch (Exception e) when (e is IOException or InvalidDataException)
{
    // Port in use, missing fixtures directory, unreadable fixture: say so without a stack trace.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}

await using var _ = fake;
fake.Latency = options.Latency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Listening on http://127.0.0.1:{fake.BaseAddress.Port}"));

var stopped = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);

// A parent process stops us by closing our stdin; a terminal user uses Ctrl+C. Reading a
// terminal from a background job would suspend the process, so stdin is watched only when
// it is redirected.
var stdinClosed = options.WatchStdin && Console.IsInputRedirected
    ? Console.OpenStandardInput().CopyToAsync(Stream.Null, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default)
    : Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);

await Task.WhenAny(stopped, stdinClosed);
return 0;

void StopOn(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
