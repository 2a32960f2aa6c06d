using System.Net.Sockets;
using ArchiveImport.Testing;
using MySqlConnector;
using Xunit;
using Xunit.Abstractions;

namespace ArchiveImport.Core.Tests.Testing;

/// <summary>
/// Starts and stops a server of its own. It sits in the MariaDB collection only so that it does
/// not start at the same moment as the shared server and compete for the CPU.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbServerLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Starts_quickly_and_dispose_leaves_no_process_or_files_behind()
    {
        var server = await MariaDbServer.StartAsync();
        output.WriteLine($"MariaDB server started in {server.StartupTime.TotalMilliseconds:0} ms");
        var root = Path.GetDirectoryName(server.DataDirectory)!;
        var port = server.Port;

        Assert.True(root.Length + "/mysqld.sock".Length < 107, $"socket path too long under {root}");
        Assert.NotEmpty(ProcessesMentioning(root));
        await using (var connection = new MySqlConnection(await server.CreateDatabaseAsync()))
        {
            await connection.OpenAsync();
        }

        await server.DisposeAsync();

        Assert.Empty(ProcessesMentioning(root));
        Assert.False(Directory.Exists(root));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
    }

    // Process command lines, read from /proc, that contain the given text (the server's
    // private directory appears in mariadbd's --datadir argument).
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) && commandLine.Contains("mariadbd", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
