using System.Diagnostics;
using ArchiveImport.Core.Settings;
using MySqlConnector;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// The MariaDB/MySQL command-line clients that dump a catalog to SQL and load it back, found on PATH. Credentials go
/// to them through an options file readable by this user only, never on a command line other users can see.
/// </summary>
internal sealed class MySqlClientTools
{
    private static readonly string[] DumpTools = ["mariadb-dump", "mysqldump"];
    private static readonly string[] LoadTools = ["mariadb", "mysql"];

    private readonly DatabaseTarget target;
    private readonly string? searchPath;

    /// <param name="searchPath">The folders to look in, as PATH lists them; null for this process's PATH.</param>
    public MySqlClientTools(DatabaseTarget target, string? searchPath = null)
    {
        this.target = target;
        this.searchPath = searchPath;
    }

    public void Dump(string resultFile) => Run(
        Find(DumpTools),
        ["--single-transaction", "--quick", "--hex-blob", "--no-tablespaces", "--skip-lock-tables", "--add-drop-table",
         "--routines", "--triggers", "--default-character-set=utf8mb4", "--skip-dump-date", $"--result-file={resultFile}", Database],
        input: null);

    public void Load(string dumpFile) => Run(Find(LoadTools), ["--default-character-set=utf8mb4", Database], dumpFile);

    private string Database => new MySqlConnectionStringBuilder(target.ConnectionString).Database;

    private string Find(string[] names)
    {
        var folders = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new MySqlClientToolMissingException(
            $"Neither {names[0]} nor {names[1]} was found on PATH, and a MySQL/MariaDB catalog is backed up and restored with them. " +
            "Install the client tools (Debian and Ubuntu: apt-get install -y mariadb-client; others: the MariaDB or MySQL client " +
            "package) or add their folder to PATH, then try again.");
    }

    private void Run(string tool, IReadOnlyList<string> arguments, string? input)
    {
        var options = WriteOptionsFile();
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                RedirectStandardInput = input is not null,
                UseShellExecute = false,
            };
            start.ArgumentList.Add($"--defaults-extra-file={options}"); // must come first
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (input is not null)
            {
                using (var file = File.OpenRead(input))
                {
                    file.CopyTo(process.StandardInput.BaseStream);
                }

                process.StandardInput.Close();
            }

            process.WaitForExit();
            var message = (errors.Result + output.Result).Trim();
            if (process.ExitCode != 0)
            {
                throw new MySqlClientToolException(
                    $"{Path.GetFileName(tool)} failed (exit code {process.ExitCode}) on {target.Display}: {target.Redact(message)}");
            }
        }
        catch (IOException ex) when (input is not null)
        {
            // The client ended before reading its whole input: its own message (read above) is lost, so say what is known.
            throw new MySqlClientToolException($"{Path.GetFileName(tool)} stopped reading the backup early on {target.Display}: {ex.Message}");
        }
        finally
        {
            File.Delete(options);
        }
    }

    private string WriteOptionsFile()
    {
        var builder = new MySqlConnectionStringBuilder(target.ConnectionString);
        var path = Path.Combine(Path.GetTempPath(), $"archiveimport-{Guid.NewGuid():N}.cnf");
        var lines = new List<string> { "[client]", $"user={Escape(builder.UserID)}", $"password={Escape(builder.Password)}" };
        if (builder.Server.StartsWith('/'))
        {
            lines.Add($"socket={Escape(builder.Server)}");
        }
        else
        {
            lines.Add($"host={Escape(builder.Server)}");
            lines.Add($"port={builder.Port}");
            lines.Add("protocol=TCP");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        return path;
    }

    // Option files read a value in double quotes with backslash escapes, so any password survives as typed.
    private static string Escape(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

/// <summary>A MySQL client tool needed for backups is not installed.</summary>
public sealed class MySqlClientToolMissingException(string message) : Exception(message);

/// <summary>A MySQL client tool ran and failed; the message holds what it said, password removed.</summary>
public sealed class MySqlClientToolException(string message) : Exception(message);
