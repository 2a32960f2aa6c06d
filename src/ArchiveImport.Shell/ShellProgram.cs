using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace ArchiveImport.Shell;

/// <summary>
/// archive-import: the PowerShell engine with the ArchiveImport module imported, for hosts without pwsh
/// (cron, CI, containers). Runs -Command text or a -File script, renders output through the module's views,
/// and exits 1 when the pipeline failed.
/// </summary>
public static class ShellProgram
{
    private const string Usage = """
        Usage:
          archive-import -Command "<pipeline>"      run a pipeline, e.g. "Get-ArchiveHealth"
          archive-import -File <script.ps1> [args]  run a script
          archive-import                            read pipelines from standard input, one per line
        Exit code: 0 when everything succeeded, 1 when any error was written or the pipeline failed,
        or the number a script passes to 'exit'.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (mode, text, scriptArgs) = ParseArguments(args);
        if (mode == Mode.Help)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        if (mode == Mode.Invalid)
        {
            await errors.WriteLineAsync(text + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        var host = new ShellHost(output, errors);
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(Path.Combine(AppContext.BaseDirectory, "ArchiveImport.psd1"));
        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        try
        {
            runspace.Open();
        }
        catch (RuntimeException ex)
        {
            await errors.WriteLineAsync($"archive-import: cannot load the ArchiveImport module: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        if (mode == Mode.Interactive)
        {
            var failed = false;
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line && !host.ShouldExit)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    failed |= !new PipelineRunner(runspace, host).Run(ps => ps.AddScript(line));
                }
            }

            return host.ExitCode ?? (failed ? 1 : 0);
        }

        var succeeded = new PipelineRunner(runspace, host).Run(ps =>
        {
            if (mode == Mode.File)
            {
                ps.AddCommand(Path.GetFullPath(text));
                foreach (var argument in scriptArgs)
                {
                    ps.AddArgument(argument);
                }
            }
            else
            {
                ps.AddScript(EachStatementFormatted(text));
            }
        });
        return host.ExitCode ?? (succeeded ? 0 : 1);
    }

    /// <summary>
    /// Sends each top-level pipeline to Out-Default on its own, so "Download | Populate; Get-ArchiveUnmatched" shows
    /// two tables, as pwsh shows them, instead of forcing the second type into the first one's shape.
    /// </summary>
    internal static string EachStatementFormatted(string script)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        if (errors.Length > 0 || ast.ParamBlock is not null || ast.BeginBlock is not null || ast.ProcessBlock is not null ||
            ast.EndBlock is not { Traps: null } end)
        {
            return script; // let the engine report syntax errors, and leave anything unusual alone
        }

        return string.Join('\n', end.Statements.Select(s => s is PipelineAst ? s.Extent.Text + " | Out-Default" : s.Extent.Text));
    }

    private enum Mode
    {
        Command,
        File,
        Interactive,
        Help,
        Invalid,
    }

    private static (Mode Mode, string Text, string[] ScriptArgs) ParseArguments(string[] args)
    {
        if (args.Length == 0)
        {
            return (Mode.Interactive, "", []);
        }

        var flag = args[0].TrimStart('-').ToLowerInvariant();
        return flag switch
        {
            "command" or "c" when args.Length >= 2 => (Mode.Command, string.Join(' ', args[1..]), []),
            "file" or "f" when args.Length >= 2 => File.Exists(args[1])
                ? (Mode.File, args[1], args[2..])
                : (Mode.Invalid, $"archive-import: the script '{args[1]}' does not exist.", []),
            "help" or "h" or "?" => (Mode.Help, "", []),
            _ => (Mode.Invalid, $"archive-import: unknown arguments '{string.Join(' ', args)}'.", []),
        };
    }
}
