using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Settings;

namespace ArchiveImport.PowerShell;

/// <summary>Completes -Artist from the artist configs under the current home, quoting names with spaces.</summary>
public sealed class ArtistNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var location = CompletionLocation.Current();
            var home = fakeBoundParameters["HomePath"] as string;
            var settings = SettingsLoader.FromEnvironment(location, new SettingsOverrides { HomeDirectory = home });
            names = new ArtistConfigStore(settings.ArtistConfigDirectory).ArtistNames();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or SettingsFileException or ArtistConfigException or UnauthorizedAccessException)
        {
            return [];
        }

        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names.Where(pattern.IsMatch).Select(name =>
        {
            var text = name.Contains(' ') || name.Contains('\'') ? $"'{name.Replace("'", "''")}'" : name;
            return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
        }).ToList();
    }
}

/// <summary>Where completion runs: the session's location (not the process's), asked through a nested pipeline.</summary>
internal static class CompletionLocation
{
    public static string Current()
    {
        using var nested = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        nested.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath");
        return nested.Invoke().FirstOrDefault()?.ToString() ?? Environment.CurrentDirectory;
    }
}
