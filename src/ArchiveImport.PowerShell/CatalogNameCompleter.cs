using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArchiveImport.Core;
using ArchiveImport.Core.Settings;

namespace ArchiveImport.PowerShell;

/// <summary>
/// Completes a name the catalog holds (song or venue names, of the -Artist already typed when there is one), quoting
/// names with spaces. Completion never fails the command line: an unreachable or missing catalog offers nothing.
/// </summary>
public abstract class CatalogNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var settings = SettingsLoader.FromEnvironment(
                CompletionLocation.Current(), new SettingsOverrides { HomeDirectory = fakeBoundParameters["HomePath"] as string, Database = fakeBoundParameters["Database"] as string });
            if (settings.Database.SqlitePath is { } file && !File.Exists(file))
            {
                return [];
            }

            var artists = fakeBoundParameters["Artist"] switch
            {
                string one => new[] { one },
                string[] several => several,
                object[] several => several.Select(a => a?.ToString() ?? "").ToArray(),
                _ => null,
            };
            var browser = new ArchiveServices(settings).Browser;
            names = CompletesSongs ? browser.SongNames(artists) : browser.VenueNames(artists);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            return [];
        }

        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names.Where(pattern.IsMatch).Select(name =>
        {
            var text = name.Any(c => c is ' ' or '\'' or '"' or '$' or '`' or ',' or ';' or '(' or ')' or '&' or '@' or '#' or '{' or '}')
                ? $"'{name.Replace("'", "''", StringComparison.Ordinal)}'"
                : name;
            return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
        }).ToList();
    }

    // A flag rather than an override taking Core types: the engine loads completer types when it imports the module,
    // before the module's load context can resolve ArchiveImport.Core, so no signature here may name a Core type.
    private protected abstract bool CompletesSongs { get; }
}

/// <summary>Completes -Song and -Name from the catalog's song names.</summary>
public sealed class SongNameCompleter : CatalogNameCompleter
{
    private protected override bool CompletesSongs => true;
}

/// <summary>Completes -Venue from the catalog's concert venues.</summary>
public sealed class VenueNameCompleter : CatalogNameCompleter
{
    private protected override bool CompletesSongs => false;
}
