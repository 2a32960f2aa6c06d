using System.Globalization;

namespace ArchiveImport.FakeArchive;

/// <summary>The parsed command line of the fake archive.org server.</summary>
internal sealed record CommandLine(int Port, string? FixturesDirectory, TimeSpan Latency, bool WatchStdin)
{
    public const string Usage = """
        Usage: ArchiveImport.FakeArchive [--port N] [--fixtures DIR] [--latency-ms N] [--ignore-stdin]

          --port N         TCP port on 127.0.0.1 (default: a free port)
          --fixtures DIR   directory of recorded /metadata responses (default: fixtures/archive-org next to the program)
          --latency-ms N   delay every response by N milliseconds
          --ignore-stdin   keep running when stdin closes (for example when started with < /dev/null)

        Prints "Listening on http://127.0.0.1:PORT" and serves until stdin closes, SIGTERM or Ctrl+C.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var port = 0;
        string? fixtures = null;
        var latency = TimeSpan.Zero;
        var watchStdin = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--port":
                    port = ReadInt(args, ++i, "--port", 0, 65535);
                    break;
                case "--fixtures":
                    fixtures = ReadValue(args, ++i, "--fixtures");
                    break;
                case "--latency-ms":
                    latency = TimeSpan.FromMilliseconds(ReadInt(args, ++i, "--latency-ms", 0, int.MaxValue));
                    break;
                case "--ignore-stdin":
                    watchStdin = false;
                    break;
                default:
                    throw new UsageException($"unknown argument '{args[i]}'");
            }
        }

        return new CommandLine(port, fixtures, latency, watchStdin);
    }

    private static string ReadValue(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new UsageException($"{option} needs a value");

    private static int ReadInt(IReadOnlyList<string> args, int index, string option, int min, int max)
    {
        var text = ReadValue(args, index, option);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a whole number from {min} to {max}, not '{text}'");
    }
}

internal sealed class UsageException(string message) : Exception(message);
