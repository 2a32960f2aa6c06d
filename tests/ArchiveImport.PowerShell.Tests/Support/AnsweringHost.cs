using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>
/// A host that answers -Confirm's questions as an operator at the keyboard would, from a list of answers given up front
/// ("Y", "N", "A" for Yes to All, "L" for No to All), and fails the test when asked more than it was told to expect.
/// </summary>
public sealed class AnsweringHost(params string[] answers) : PSHost
{
    private readonly AnsweringUserInterface ui = new(new Queue<string>(answers));

    /// <summary>The questions asked so far, as the engine put them.</summary>
    public IReadOnlyList<string> Questions => ui.Questions;

    public override string Name => "ArchiveImport test host";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class AnsweringUserInterface(Queue<string> answers) : PSHostUserInterface
    {
        public List<string> Questions { get; } = [];

        public override PSHostRawUserInterface? RawUI => null;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Questions.Add(message);
            if (!answers.TryDequeue(out var answer))
            {
                throw new InvalidOperationException($"Asked '{message}' with no answer left to give.");
            }

            // A choice's hot key is the letter after its '&': "&Yes", "Yes to &All", "&No", "No to A&ll".
            var index = choices.ToList().FindIndex(c => c.Label.Contains("&" + answer, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new InvalidOperationException($"No choice '{answer}' among {string.Join(", ", choices.Select(c => c.Label))}.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override void Write(string value)
        {
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
        }

        public override void WriteLine(string value)
        {
        }

        public override void WriteErrorLine(string value)
        {
        }

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
        }
    }
}
