using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// docs/RUNBOOK.md is what an operator follows at 3 a.m.: every cmdlet it names must exist, every PowerShell block must
/// parse, and each troubleshooting case of the older runbook must say how to diagnose it and how to fix it.
/// </summary>
public sealed partial class RunbookTests
{
    public static TheoryData<string> TroubleshootingCases => new(
        "Lock held", "API timeout", "Out of memory", "Database deadlock", "Missing metadata file", "Phonetic collision",
        "JSON parse error", "Duplicate category");

    private static readonly Lazy<string> Runbook = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "RUNBOOK.md")));

    private static readonly Lazy<HashSet<string>> ModuleCmdlets = new(() =>
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);
        return ps.Invoke("(Get-Module ArchiveImport).ExportedCmdlets.Keys").ThrowIfFailed()
            .Output.Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    });

    [Theory]
    [MemberData(nameof(TroubleshootingCases))]
    public void Each_troubleshooting_case_names_a_cmdlet_that_diagnoses_it_and_one_that_fixes_it(string troubleshootingCase)
    {
        var section = Section(Section(Runbook.Value, "## Troubleshooting"), "### " + troubleshootingCase);

        foreach (var part in new[] { "*Diagnose:*", "*Fix:*" })
        {
            var paragraph = Section(section, part);
            Assert.True(CmdletName().IsMatch(paragraph), $"'{troubleshootingCase}': the {part} paragraph names no ArchiveImport cmdlet.");
        }
    }

    [Fact]
    public void Every_cmdlet_the_runbook_names_is_exported_by_the_module()
    {
        var unknown = CmdletName().Matches(Runbook.Value).Select(m => m.Value).Where(name => !ModuleCmdlets.Value.Contains(name)).Distinct();

        Assert.True(!unknown.Any(), $"docs/RUNBOOK.md names cmdlets the module does not export: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void Every_powershell_block_in_the_runbook_parses()
    {
        var blocks = PowerShellBlock().Matches(Runbook.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);

        Assert.All(blocks, block =>
        {
            Parser.ParseInput(block, out _, out var errors);
            Assert.True(errors.Length == 0, $"This block does not parse ({string.Join("; ", errors.Select(e => e.Message))}):\n{block}");
        });
    }

    /// <summary>The text from the line starting with <paramref name="heading"/> to the next heading or paragraph of the same kind.</summary>
    private static string Section(string text, string heading)
    {
        var start = text.IndexOf("\n" + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/RUNBOOK.md has no '{heading}'.");
        var body = text[(start + heading.Length + 1)..];
        var marker = heading.StartsWith('#') ? "\n" + heading[..(heading.IndexOf(' ') + 1)] : "\n\n";
        var end = body.IndexOf(marker, StringComparison.Ordinal);
        return end < 0 ? body : body[..end];
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ArchiveImport.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("the repository root was not found");
        }

        return root.FullName;
    }

    [GeneratedRegex(@"\b(?:Add|Backup|Compress|Disable|Enable|Export|Get|Invoke|Measure|Move|New|Register|Remove|Restore|Set|Stop|Update|Watch|Write)-Archive[A-Za-z]+\b")]
    private static partial Regex CmdletName();

    [GeneratedRegex(@"```powershell\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PowerShellBlock();
}
