using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace ArchiveImport.Testing;

/// <summary>A running <c>mariadbd</c>: starts it on a free port, waits until it answers, stops it.</summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // The free port is found before mariadbd binds it, so a parallel test run can win the race.
    private const int PortAttempts = 5;

    private readonly Process process;
    private readonly OrphanGuard guard;

    private ServerProcess(Process process, OrphanGuard guard, int port)
    {
        this.process = process;
        this.guard = guard;
        Port = port;
    }

    public int Port { get; }

    /// <param name="fixedPort">The port to listen on (a restart); by default a free one is found.</param>
    public static async Task<ServerProcess> StartAsync(string serverPath, ServerLayout layout, string rootConnectionString, CancellationToken ct, int? fixedPort = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Each attempt gets a fresh log, so an old "Address already in use" is not taken for a new one.
            File.Delete(layout.ErrorLog);
            var port = fixedPort ?? FreeTcpPort.Find();
            var process = Launch(serverPath, layout, port);
            var server = new ServerProcess(process, OrphanGuard.Watch(process.Id, layout.Root), port);
            try
            {
                if (await server.WaitUntilReadyAsync(layout, rootConnectionString, ct))
                {
                    return server;
                }
            }
            catch
            {
                server.Kill();
                server.Dispose();
                throw;
            }

            server.Kill();
            var exitCode = process.ExitCode;
            server.Dispose();
            var log = layout.ReadErrorLogTail();
            if (attempt == PortAttempts || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"mariadbd exited with code {exitCode} before accepting connections. Tail of {layout.ErrorLog}:{Environment.NewLine}{log}");
            }
        }
    }

    /// <summary>Asks the server to shut down, then kills it if it has not exited in time.</summary>
    public async Task StopAsync(string rootConnectionString)
    {
        if (!process.HasExited)
        {
            await RequestShutdownAsync(rootConnectionString);
            using var timeout = new CancellationTokenSource(ShutdownTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        guard.Dispose();
    }

    /// <summary>Kills at once; for failed starts and for process exit, where there is no time to be polite.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        guard.Dispose();
    }

    public void Dispose() => process.Dispose();

    private static Process Launch(string serverPath, ServerLayout layout, int port)
    {
        var startInfo = new ProcessStartInfo(serverPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in ServerArguments(layout, port))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {serverPath}");

        // Everything of interest goes to --log-error; drain the pipes so the server never blocks on them.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static IEnumerable<string> ServerArguments(ServerLayout layout, int port)
    {
        string[] arguments =
        [
            "--no-defaults",
            $"--datadir={layout.DataDirectory}",
            $"--socket={layout.SocketPath}",
            $"--port={port.ToString(CultureInfo.InvariantCulture)}",
            "--bind-address=127.0.0.1",
            $"--pid-file={layout.PidFile}",
            $"--log-error={layout.ErrorLog}",
            "--skip-log-bin",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--default-time-zone=+00:00",
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=2",
            "--max-connections=300",
        ];
        return RunningAsRoot.Value ? [.. arguments, "--user=root"] : arguments;
    }

    private async Task<bool> WaitUntilReadyAsync(ServerLayout layout, string rootConnectionString, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                return false;
            }

            if (File.Exists(layout.SocketPath) && await CanConnectAsync(rootConnectionString, ct))
            {
                return true;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException(
                    $"mariadbd did not accept connections within {ReadyTimeout.TotalSeconds:0} s. Tail of {layout.ErrorLog}:{Environment.NewLine}{layout.ReadErrorLogTail()}");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static async Task<bool> CanConnectAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(ct);
            return true;
        }
        catch (MySqlException)
        {
            return false;
        }
    }

    private static async Task RequestShutdownAsync(string rootConnectionString)
    {
        try
        {
            await using var connection = new MySqlConnection(rootConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();

            // The data is thrown away, so skip the clean InnoDB flush.
            command.CommandText = "SET GLOBAL innodb_fast_shutdown = 2; SHUTDOWN";
            await command.ExecuteNonQueryAsync();
        }
        catch (MySqlException)
        {
            // The server drops the connection while shutting down, or is already gone; the wait decides.
        }
    }
}
