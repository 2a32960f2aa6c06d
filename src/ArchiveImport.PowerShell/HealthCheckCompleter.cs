using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArchiveImport.Core.Operations;

namespace ArchiveImport.PowerShell;

/// <summary>Completes -Check and -ExcludeCheck from the health check registry, and -Tag from its tags.</summary>
public sealed class HealthCheckCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        if (string.Equals(parameterName, "Tag", StringComparison.OrdinalIgnoreCase))
        {
            return HealthRegistry.Tags.Where(pattern.IsMatch).Select(tag => new CompletionResult(tag, tag, CompletionResultType.ParameterValue, tag)).ToList();
        }

        return HealthRegistry.All.Where(c => pattern.IsMatch(c.Id))
            .Select(c => new CompletionResult(c.Id, c.Id, CompletionResultType.ParameterValue, c.Description)).ToList();
    }
}
