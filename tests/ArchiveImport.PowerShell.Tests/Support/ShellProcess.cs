using System.Diagnostics;

namespace ArchiveImport.PowerShell.Tests.Support;

public sealed record ShellOutcome(int ExitCode, string Output, string Errors);

/// <summary>Runs the archive-import console host as a child process, as cron or a README reader would.</summary>
public static class ShellProcess
{
    /// <summary>The built archive-import next to this test assembly's build (same configuration).</summary>
    public static string Executable
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var repo = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repo, "src", "ArchiveImport.Shell", "bin", configuration, framework, "archive-import");
        }
    }

    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("archive-import did not start");
    }

    public static async Task<ShellOutcome> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ShellOutcome(process.ExitCode, await output, await errors);
    }
}
