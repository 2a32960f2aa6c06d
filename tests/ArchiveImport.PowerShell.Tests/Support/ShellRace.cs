using System.Diagnostics;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>
/// archive-import processes started together: each loads the module, says it is ready and waits at a start line, and
/// all cross it at once, so they race for the same thing (a first migration, a lock) instead of queueing behind
/// process start-up.
/// </summary>
public sealed class ShellRace : IDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(2);

    private readonly string lineFolder;
    private readonly List<RunningShell> shells = [];

    private ShellRace(string lineFolder) => this.lineFolder = lineFolder;

    public IReadOnlyList<RunningShell> Shells => shells;

    /// <summary>Starts one archive-import per command, in <paramref name="workingDirectory"/>, and returns once all wait at the line.</summary>
    /// <param name="warmUp">
    /// Run before the line, with <c>$warm</c> set to a folder of the process's own: code the commands will run can be
    /// loaded and compiled there first, so the processes cross the line with nothing left to load and race closely.
    /// </param>
    public static async Task<ShellRace> ReadyAsync(string workingDirectory, IReadOnlyList<string> commands, string? warmUp = null)
    {
        var race = new ShellRace(Path.Combine(Path.GetTempPath(), "aistart-" + Guid.NewGuid().ToString("N")[..12]));
        Directory.CreateDirectory(race.lineFolder);
        try
        {
            foreach (var command in commands)
            {
                race.shells.Add(RunningShell.Start(workingDirectory, "-NonInteractive", "-Command", race.AtTheLine(command, warmUp)));
            }

            var deadline = DateTime.UtcNow + ReadyLimit;
            while (Directory.GetFiles(race.lineFolder, "ready.*").Length < commands.Count)
            {
                if (race.shells.FirstOrDefault(s => s.HasExited) is { } early)
                {
                    var outcome = await early.WaitAsync(TimeSpan.FromSeconds(10));
                    throw new Xunit.Sdk.XunitException($"archive-import ended before the start line (exit {outcome.ExitCode}): {outcome.Errors}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Only {Directory.GetFiles(race.lineFolder, "ready.*").Length} of {commands.Count} archive-import processes got ready in {ReadyLimit}.");
                }

                await Task.Delay(25);
            }

            return race;
        }
        catch
        {
            race.Dispose();
            throw;
        }
    }

    /// <summary>Lets every process go at once.</summary>
    public void Go() => File.WriteAllText(Path.Combine(lineFolder, "go"), "");

    public async Task<IReadOnlyList<ShellOutcome>> WaitAllAsync(TimeSpan limit)
    {
        var outcomes = new List<ShellOutcome>();
        foreach (var shell in shells)
        {
            outcomes.Add(await shell.WaitAsync(limit));
        }

        return outcomes;
    }

    public void Dispose()
    {
        foreach (var shell in shells)
        {
            shell.Dispose();
        }

        try
        {
            Directory.Delete(lineFolder, recursive: true);
        }
        catch (IOException)
        {
            // Only the marker files; the OS cleans the temp folder eventually.
        }
    }

    private string AtTheLine(string command, string? warmUp)
    {
        var folder = lineFolder.Replace("'", "''", StringComparison.Ordinal);
        return (warmUp is null ? "" : $"$warm = Join-Path '{folder}' \"warm.$PID\"; {warmUp}; ") +
               $"Set-Content -LiteralPath (Join-Path '{folder}' \"ready.$PID\") -Value ''; " +
               $"while (-not (Test-Path -LiteralPath (Join-Path '{folder}' 'go'))) {{ Start-Sleep -Milliseconds 10 }}; " + command;
    }
}

/// <summary>An archive-import child process whose output is read as it comes (so a full pipe never blocks it).</summary>
public sealed class RunningShell : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> errors;

    private RunningShell(Process process)
    {
        this.process = process;
        process.StandardInput.Close();
        output = process.StandardOutput.ReadToEndAsync();
        errors = process.StandardError.ReadToEndAsync();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static RunningShell Start(string workingDirectory, params string[] arguments) => new(ShellProcess.Start(workingDirectory, arguments));

    /// <summary>Waits for the process to end; kills it and fails when it runs longer than <paramref name="limit"/>.</summary>
    public async Task<ShellOutcome> WaitAsync(TimeSpan limit)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"archive-import (pid {process.Id}) was still running after {limit}; killed. Errors so far: {(errors.IsCompleted ? await errors : "")}");
        }

        return new ShellOutcome(process.ExitCode, await output, await errors);
    }

    /// <summary>SIGKILL on Linux: no cleanup code of the process runs.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
