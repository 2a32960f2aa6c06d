using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ArchiveImport.Shell;

/// <summary>Runs one pipeline to completion, showing output, errors, warnings and verbose text as they come.</summary>
internal sealed class PipelineRunner
{
    private readonly Runspace runspace;
    private readonly ShellHost host;

    public PipelineRunner(Runspace runspace, ShellHost host)
    {
        this.runspace = runspace;
        this.host = host;
    }

    /// <summary>True when the pipeline ran without any error.</summary>
    public bool Run(Action<System.Management.Automation.PowerShell> build)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        ps.AddCommand("Out-Default");

        var errors = 0;
        ps.Streams.Error.DataAdded += (_, e) =>
        {
            errors++;
            host.WriteErrorRecord(ps.Streams.Error[e.Index]);
        };
        ps.Streams.Warning.DataAdded += (_, e) => host.UI.WriteWarningLine(ps.Streams.Warning[e.Index].Message);
        ps.Streams.Verbose.DataAdded += (_, e) => host.UI.WriteVerboseLine(ps.Streams.Verbose[e.Index].Message);
        ps.Streams.Debug.DataAdded += (_, e) => host.UI.WriteDebugLine(ps.Streams.Debug[e.Index].Message);
        ps.Streams.Progress.DataAdded += (_, e) => host.UI.WriteProgress(0, ps.Streams.Progress[e.Index]);

        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            ps.BeginStop(null, null);
        };
        Console.CancelKeyPress += cancel;
        try
        {
            ps.Invoke();
            return errors == 0 && !ps.HadErrors;
        }
        catch (RuntimeException ex)
        {
            host.WriteErrorRecord(ex.ErrorRecord);
            return false;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
            host.EndProgress();
        }
    }
}
