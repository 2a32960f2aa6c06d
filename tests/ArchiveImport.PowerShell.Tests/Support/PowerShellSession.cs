using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>Everything a pipeline produced, stream by stream.</summary>
public sealed record PipelineOutcome(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    RuntimeException? Terminating)
{
    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>What a finished pipeline left in each of its streams.</summary>
    internal static PipelineOutcome From(System.Management.Automation.PowerShell ps, PSDataCollection<PSObject> output, RuntimeException? terminating) => new(
        output.Where(o => o is not null).ToList(),
        ps.Streams.Error.ToList(),
        ps.Streams.Warning.Select(w => w.Message).ToList(),
        ps.Streams.Verbose.Select(v => v.Message).ToList(),
        ps.Streams.Progress.ToList(),
        terminating);

    public string AllText => string.Join('\n', Output.Select(o => o.ToString()).Concat(Errors.Select(e => e.ToString()))
        .Concat(Warnings).Concat(Verbose).Concat([Terminating?.Message ?? ""]));
}

/// <summary>
/// The real PowerShell engine, in process, with the built ArchiveImport manifest imported and the current location
/// set to a test home, so cmdlets resolve that home's settings file and artist configs.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private static readonly string ManifestPath = Path.Combine(AppContext.BaseDirectory, "ArchiveImport.psd1");
    private readonly Runspace runspace;

    /// <param name="host">Who answers the engine's questions (-Confirm); none by default, so a question is an error.</param>
    public PowerShellSession(string homePath, System.Management.Automation.Host.PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ManifestPath);
        // The engine package has no Microsoft.PowerShell.Utility module to load; Select-Object -First stops pipelines early.
        state.Commands.Add(new SessionStateCmdletEntry("Select-Object", typeof(Microsoft.PowerShell.Commands.SelectObjectCommand), null));
        runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        runspace.SessionStateProxy.Path.SetLocation(WildcardPattern.Escape(homePath));
    }

    public PipelineOutcome Invoke(string script)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            ps.Invoke(null, output); // collected as it comes, so a terminating error keeps what came before
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return PipelineOutcome.From(ps, output, terminating);
    }

    /// <summary>Starts <paramref name="script"/> without waiting, so a test can act while it runs (stop it, as Ctrl+C does).</summary>
    public RunningPipeline Start(string script)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        return new RunningPipeline(ps);
    }

    public void Dispose() => runspace.Dispose();
}

/// <summary>A pipeline running in the session's runspace on the engine's own thread.</summary>
public sealed class RunningPipeline : IDisposable
{
    private readonly System.Management.Automation.PowerShell ps;
    private readonly PSDataCollection<PSObject> output = new();
    private readonly IAsyncResult running;

    internal RunningPipeline(System.Management.Automation.PowerShell ps)
    {
        this.ps = ps;
        running = ps.BeginInvoke<PSObject, PSObject>(null, output);
    }

    public bool IsCompleted => running.IsCompleted;

    /// <summary>What Ctrl+C does: returns once the pipeline has stopped.</summary>
    public void Stop() => ps.Stop();

    public PipelineOutcome Wait()
    {
        RuntimeException? terminating = null;
        try
        {
            ps.EndInvoke(running);
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return PipelineOutcome.From(ps, output, terminating);
    }

    public void Dispose() => ps.Dispose();
}

public static class PipelineOutcomeExtensions
{
    public static PipelineOutcome ThrowIfFailed(this PipelineOutcome outcome)
    {
        if (outcome.Terminating is not null || outcome.Errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                "The pipeline failed: " + (outcome.Terminating?.Message ?? string.Join(" | ", outcome.Errors.Select(e => e.ToString()))));
        }

        return outcome;
    }
}
