using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace ArchiveImport.Shell;

/// <summary>A plain console host: output to stdout, every other stream to stderr, progress only on a terminal.</summary>
internal sealed class ShellHost : PSHost
{
    private readonly ShellHostUserInterface ui;

    public ShellHost(TextWriter output, TextWriter errors) => ui = new ShellHostUserInterface(output, errors);

    public override string Name => "archive-import";
    public override Version Version => typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public int? ExitCode { get; private set; }
    public bool ShouldExit => ExitCode is not null;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw new NotSupportedException("archive-import has no nested prompts.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("archive-import has no nested prompts.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    /// <summary>An error the way pwsh's concise view shows it: "Command: message".</summary>
    public void WriteErrorRecord(ErrorRecord record)
    {
        var command = record.InvocationInfo?.MyCommand?.Name;
        var message = record.ErrorDetails?.Message ?? record.Exception?.Message ?? record.ToString();
        ui.WriteErrorLine(string.IsNullOrEmpty(command) ? message : $"{command}: {message}");
    }

    public void EndProgress() => ui.EndProgress();
}

internal sealed partial class ShellHostUserInterface : PSHostUserInterface
{
    private readonly TextWriter output;
    private readonly TextWriter errors;
    private readonly bool showProgress = !Console.IsErrorRedirected;
    private bool progressShown;

    public ShellHostUserInterface(TextWriter output, TextWriter errors)
    {
        this.output = output;
        this.errors = errors;
        RawUI = new ShellRawUserInterface();
    }

    public override PSHostRawUserInterface RawUI { get; }

    /// <summary>Colour only for a person at a terminal; files, pipes and cron mail get plain text.</summary>
    public bool PlainText { get; init; } = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null;

    public override bool SupportsVirtualTerminal => !PlainText;

    public override void Write(string value) => output.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Plain(value));

    public override void WriteLine(string value) => output.WriteLine(Plain(value));

    public override void WriteErrorLine(string value) => Diagnostic(value);

    public override void WriteWarningLine(string message) => Diagnostic("WARNING: " + message);

    public override void WriteVerboseLine(string message) => Diagnostic("VERBOSE: " + message);

    public override void WriteDebugLine(string message) => Diagnostic("DEBUG: " + message);

    public override void WriteInformation(InformationRecord record)
    {
        if (record.Tags.Contains("PSHOST"))
        {
            output.WriteLine(record.MessageData?.ToString());
        }
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (!showProgress)
        {
            return;
        }

        if (record.RecordType == ProgressRecordType.Completed)
        {
            EndProgress();
            return;
        }

        var percent = record.PercentComplete >= 0 ? $" {record.PercentComplete,3}%" : "";
        var line = $"{record.Activity}: {record.StatusDescription}{percent}";
        var width = Math.Max(20, RawUI.BufferSize.Width - 1);
        errors.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
        progressShown = true;
    }

    public void EndProgress()
    {
        if (progressShown)
        {
            errors.Write("\r" + new string(' ', Math.Max(20, RawUI.BufferSize.Width - 1)) + "\r");
            progressShown = false;
        }
    }

    public override string ReadLine() => Console.ReadLine() ?? "";

    public override System.Security.SecureString ReadLineAsSecureString() =>
        throw new NotSupportedException("archive-import does not read secrets interactively; pass them in the environment.");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException($"archive-import cannot prompt ({caption}: {message}); pass the values as parameters.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("archive-import cannot prompt for credentials.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("archive-import cannot prompt for credentials.");

    /// <summary>Confirmation prompts cannot be answered here: pass -Confirm:$false, or use -WhatIf to preview.</summary>
    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException($"archive-import cannot ask '{caption}' ({message}); add -Confirm:$false to proceed, or -WhatIf to preview.");

    private void Diagnostic(string text)
    {
        EndProgress();
        errors.WriteLine(Plain(text));
    }

    private string Plain(string text) => PlainText && text.Contains('\u001b') ? EscapeSequence().Replace(text, "") : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex EscapeSequence();
}

internal sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private static int Width => Console.IsOutputRedirected ? 160 : Math.Max(80, SafeWindowWidth());

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override Size BufferSize { get => new(Width, 9999); set { } }
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => new(Width, 50); set { } }
    public override Size MaxWindowSize => new(Width, 50);
    public override Size MaxPhysicalWindowSize => new(Width, 50);
    public override bool KeyAvailable => false;
    public override string WindowTitle { get; set; } = "archive-import";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("archive-import does not read keys.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
