using System.Diagnostics;
using System.Globalization;

namespace ArchiveImport.Testing;

/// <summary>
/// A tiny shell watchdog that kills the server and removes its directory when the test process
/// dies without running its exit handlers (SIGKILL, a test-host crash, a CI timeout): the kernel
/// then closes our end of the watchdog's stdin and its <c>read</c> returns.
/// </summary>
internal sealed class OrphanGuard : IDisposable
{
    // Checks /proc/PID/comm so a recycled pid is never killed. INT and HUP are ignored so a
    // Ctrl+C in the terminal does not remove the watchdog before it has done its job.
    private const string Script = """
        trap '' INT HUP
        read _ignored
        if [ "$(cat /proc/$1/comm 2>/dev/null)" = mariadbd ]; then kill -KILL "$1"; fi
        sleep 1
        rm -rf "$2"
        """;

    private readonly Process watchdog;
    private int disposed;

    private OrphanGuard(Process watchdog) => this.watchdog = watchdog;

    public static OrphanGuard Watch(int serverProcessId, string directory)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add("aimdb-guard");
        startInfo.ArgumentList.Add(serverProcessId.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(directory);
        return new OrphanGuard(Process.Start(startInfo) ?? throw new InvalidOperationException("could not start /bin/sh"));
    }

    /// <summary>Stands the watchdog down; the caller cleans up itself.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            watchdog.Kill();
            watchdog.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        watchdog.Dispose();
    }
}
