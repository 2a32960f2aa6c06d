using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace ArchiveImport.Testing;

/// <summary>
/// A private, throw-away MariaDB server for one test run: its own data directory under /tmp,
/// its own port on 127.0.0.1, never the system service.
/// </summary>
public sealed partial class MariaDbServer : IAsyncDisposable
{
    private const string AppUser = "archiveimport";

    private readonly ServerLayout layout;
    private readonly string serverPath;
    private ServerProcess process;
    private readonly string rootConnectionString;
    private int databaseCount;
    private int stopped;

    private MariaDbServer(string serverPath, ServerLayout layout, ServerProcess process, string rootConnectionString, string password, TimeSpan startupTime)
    {
        this.serverPath = serverPath;
        this.layout = layout;
        this.process = process;
        this.rootConnectionString = rootConnectionString;
        Password = password;
        StartupTime = startupTime;

        // Disposal is the normal path; this covers a test host that exits without disposing.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port => process.Port;

    /// <summary>The application account, which has every privilege.</summary>
    public string UserName => AppUser;

    /// <summary>A random password of letters, digits and <c>!#%</c>.</summary>
    public string Password { get; }

    /// <summary>The server's data directory (deleted on dispose).</summary>
    public string DataDirectory => layout.DataDirectory;

    /// <summary>How long <see cref="StartAsync"/> took, from nothing to a usable server.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Initialises a data directory, starts <c>mariadbd</c> and creates the application account.</summary>
    /// <exception cref="InvalidOperationException">MariaDB is not installed, or the server did not start.</exception>
    public static async Task<MariaDbServer> StartAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var executables = MariaDbExecutables.Locate();
        var layout = ServerLayout.Create();
        ServerProcess? process = null;
        try
        {
            var rootConnectionString = RootConnectionString(layout);
            await MariaDbInstaller.InstallAsync(executables.InstallDb, layout, ct);
            process = await ServerProcess.StartAsync(executables.Server, layout, rootConnectionString, ct);
            var password = StrongPassword.Generate();
            await CreateAppUserAsync(rootConnectionString, password, ct);
            return new MariaDbServer(executables.Server, layout, process, rootConnectionString, password, clock.Elapsed);
        }
        catch
        {
            process?.Kill();
            process?.Dispose();
            layout.Delete();
            throw;
        }
    }

    /// <summary>A MySqlConnector connection string for the application account over TCP.</summary>
    public string ConnectionString(string database) => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)Port,
        UserID = UserName,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty utf8mb4 database with a unique name and returns its connection string.</summary>
    /// <param name="prefix">Start of the name: letters, digits and underscores.</param>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        if (!DatabasePrefix().IsMatch(prefix))
        {
            throw new ArgumentException("prefix must be 1 to 32 letters, digits or underscores", nameof(prefix));
        }

        var number = Interlocked.Increment(ref databaseCount).ToString(CultureInfo.InvariantCulture);
        var name = $"{prefix}_{number}_{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        await ExecuteAsRootAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", default);
        return ConnectionString(name);
    }

    /// <summary>Kills the server as a crash would (SIGKILL): clients see their connections drop and new ones refused.</summary>
    public void Crash() => process.Kill();

    /// <summary>Starts the server again after <see cref="Crash"/>, on the same data directory and port (InnoDB recovers).</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        var crashed = process;
        process = await ServerProcess.StartAsync(serverPath, layout, rootConnectionString, ct, fixedPort: crashed.Port);
        crashed.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await process.StopAsync(rootConnectionString);
        process.Dispose();
        layout.Delete();
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        process.Kill();
        layout.Delete();
    }

    private static string RootConnectionString(ServerLayout layout) => new MySqlConnectionStringBuilder
    {
        Server = layout.SocketPath,
        ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
        UserID = "root",
        Pooling = false,
        ConnectionTimeout = 5,
    }.ConnectionString;

    private static async Task CreateAppUserAsync(string rootConnectionString, string password, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(rootConnectionString);
        await connection.OpenAsync(ct);
        foreach (var host in new[] { "%", "localhost" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE USER '{AppUser}'@'{host}' IDENTIFIED BY @password;
                GRANT ALL PRIVILEGES ON *.* TO '{AppUser}'@'{host}' WITH GRANT OPTION;
                """;
            command.Parameters.AddWithValue("@password", password);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task ExecuteAsRootAsync(string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(rootConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,32}$")]
    private static partial Regex DatabasePrefix();
}
