using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArchiveImport.Core.Settings;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// The cmdlet help (en-US/ArchiveImport.PowerShell.dll-Help.xml) and about_ArchiveImport, tested like code: what
/// Get-Help shows in the real engine must cover every exported cmdlet and every parameter an operator can type, and
/// must agree with the cmdlets' own metadata. A failure names the cmdlet and what is missing or wrong.
/// </summary>
public sealed class HelpTests : IClassFixture<HelpTests.HelpSession>
{
    private const string HelpFile = "ArchiveImport.PowerShell.dll-Help.xml";
    private const string AboutTopic = "about_ArchiveImport";

    private static readonly Lazy<IReadOnlyList<string>> ModuleCmdlets = new(() =>
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        using var ps = new PowerShellSession(home.Path);
        return ps.Invoke("(Get-Module ArchiveImport).ExportedCmdlets.Keys").ThrowIfFailed()
            .Output.Select(o => o.ToString()).Order(StringComparer.OrdinalIgnoreCase).ToList();
    });

    private readonly HelpSession session;

    public HelpTests(HelpSession session) => this.session = session;

    /// <summary>One row per cmdlet the loaded module exports.</summary>
    public static TheoryData<string> ExportedCmdlets => new(ModuleCmdlets.Value);

    [Fact]
    public void The_module_exports_exactly_the_cmdlets_the_manifest_lists()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "ArchiveImport.psd1");
        var ast = Parser.ParseFile(manifest, out _, out var errors);
        Assert.True(errors.Length == 0, $"{manifest} does not parse: {string.Join("; ", errors.Select(e => e.Message))}");
        var data = (Hashtable)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!.SafeGetValue();
        var listed = ((IEnumerable)data["CmdletsToExport"]!).Cast<object>().Select(o => o.ToString()!).Order(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(listed, ModuleCmdlets.Value);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_has_a_written_synopsis(string cmdlet)
    {
        var help = session.Help(cmdlet);
        var synopsis = Text(Get(help, "Synopsis"));

        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{cmdlet}: the help has no synopsis.");
        Assert.False(synopsis.TrimStart().StartsWith(cmdlet + " ", StringComparison.OrdinalIgnoreCase) || synopsis.Contains("<CommonParameters>", StringComparison.Ordinal),
            $"{cmdlet}: the synopsis is the syntax Get-Help generates when there is no help: '{synopsis.Trim()}'.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_has_a_real_description(string cmdlet)
    {
        var description = Paragraphs(Get(session.Help(cmdlet), "description"));

        Assert.True(description.Length > 40, $"{cmdlet}: the description must say what the cmdlet does and when to use it (over 40 characters); it is '{description}'.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_has_at_least_two_examples_with_code_and_remarks(string cmdlet)
    {
        var examples = Examples(session.Help(cmdlet));

        Assert.True(examples.Count >= 2, $"{cmdlet}: the help has {examples.Count} example(s); it needs at least two.");
        for (var i = 0; i < examples.Count; i++)
        {
            Assert.False(string.IsNullOrWhiteSpace(examples[i].Code), $"{cmdlet}: example {i + 1} ('{examples[i].Title}') has no code.");
            Assert.False(string.IsNullOrWhiteSpace(examples[i].Remarks), $"{cmdlet}: example {i + 1} ('{examples[i].Title}') has no remarks.");
        }
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_describes_every_parameter_an_operator_can_type(string cmdlet)
    {
        var documented = HelpParameters(session.Help(cmdlet));

        var missing = session.VisibleParameters(cmdlet)
            .Where(p => !documented.TryGetValue(p.Name, out var help) || string.IsNullOrWhiteSpace(Paragraphs(Get(help, "description"))))
            .Select(p => "-" + p.Name)
            .ToList();

        Assert.True(missing.Count == 0, $"{cmdlet}: the help does not describe {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_documents_no_hidden_common_or_unknown_parameter(string cmdlet)
    {
        var visible = session.VisibleParameters(cmdlet).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var extra = HelpParameters(session.Help(cmdlet)).Keys.Where(name => !visible.Contains(name)).Select(name => "-" + name).ToList();

        Assert.True(extra.Count == 0,
            $"{cmdlet}: the help documents {string.Join(", ", extra)}, which the cmdlet does not have, hides (DontShow), or gets as a common parameter.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_syntax_shows_the_parameters_the_cmdlet_takes_with_WhatIf_and_Confirm_where_it_supports_them(string cmdlet)
    {
        var command = session.Command(cmdlet);
        var expected = session.VisibleParameters(cmdlet).Select(p => p.Name)
            .Concat(command.Parameters.ContainsKey("WhatIf") ? ["WhatIf", "Confirm"] : [])
            .Order(StringComparer.OrdinalIgnoreCase).ToList();

        var syntaxItems = Many(Get(Get(session.Help(cmdlet), "syntax"), "syntaxItem")).ToList();
        var shown = syntaxItems.SelectMany(i => Many(Get(i, "parameter"))).Select(p => Text(Get(p, "name")).Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

        Assert.True(syntaxItems.Count == command.ParameterSets.Count,
            $"{cmdlet}: the help has {syntaxItems.Count} syntax block(s); the cmdlet has {command.ParameterSets.Count} parameter set(s).");
        Assert.True(expected.SequenceEqual(shown, StringComparer.OrdinalIgnoreCase),
            $"{cmdlet}: the help's syntax shows -{string.Join(", -", shown)}; the cmdlet takes -{string.Join(", -", expected)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_states_type_required_position_and_pipeline_input_as_the_cmdlet_declares_them(string cmdlet)
    {
        var documented = HelpParameters(session.Help(cmdlet));
        var wrong = new List<string>();
        foreach (var parameter in session.VisibleParameters(cmdlet))
        {
            if (!documented.TryGetValue(parameter.Name, out var help))
            {
                continue; // reported by Help_describes_every_parameter_an_operator_can_type
            }

            Check("type", parameter.ParameterType.FullName!, Text(Get(Get(help, "type"), "name")));

            // MAML has one value per parameter; a parameter declared differently in several parameter sets is checked by eye.
            var sets = parameter.ParameterSets.Values;
            if (sets.Select(s => (s.IsMandatory, s.Position, PipelineInput(s))).Distinct().Count() == 1)
            {
                var declared = sets.First();
                Check("required", declared.IsMandatory ? "true" : "false", Text(Get(help, "required")).ToLowerInvariant());
                Check("position", declared.Position < 0 ? "named" : declared.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Text(Get(help, "position")).ToLowerInvariant());
                Check("pipeline input", PipelineInput(declared), Text(Get(help, "pipelineInput")));
            }

            void Check(string what, string expected, string actual)
            {
                if (!string.Equals(expected, actual.Trim(), StringComparison.Ordinal))
                {
                    wrong.Add($"-{parameter.Name} {what} is '{actual.Trim()}' in the help but '{expected}' in the code");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{cmdlet}: {string.Join("; ", wrong)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_names_every_allowed_value_of_a_validated_parameter(string cmdlet)
    {
        var documented = HelpParameters(session.Help(cmdlet));
        var unnamed = new List<string>();
        foreach (var parameter in session.VisibleParameters(cmdlet))
        {
            var allowed = parameter.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues);
            var description = documented.TryGetValue(parameter.Name, out var help) ? Paragraphs(Get(help, "description")) : "";
            unnamed.AddRange(allowed.Where(value => !description.Contains(value, StringComparison.Ordinal)).Select(value => $"-{parameter.Name} {value}"));
        }

        Assert.True(unnamed.Count == 0, $"{cmdlet}: the parameter descriptions do not name the allowed value(s) {string.Join(", ", unnamed)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_names_the_output_types_by_their_full_names(string cmdlet)
    {
        var outputs = Many(Get(Get(session.Help(cmdlet), "returnValues"), "returnValue"))
            .Select(r => Text(Get(Get(r, "type"), "name")).Trim())
            .ToHashSet(StringComparer.Ordinal);

        var missing = session.Command(cmdlet).OutputType.Select(t => t.Name).Where(name => !outputs.Contains(name)).ToList();

        Assert.NotEmpty(session.Command(cmdlet).OutputType);
        Assert.True(missing.Count == 0, $"{cmdlet}: the help's outputs ({string.Join(", ", outputs)}) lack {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Examples_are_valid_PowerShell_and_use_only_real_parameters(string cmdlet)
    {
        var problems = new List<string>();
        foreach (var (example, index) in Examples(session.Help(cmdlet)).Select((e, i) => (e, i + 1)))
        {
            problems.AddRange(CheckScript(example.Code).Select(p => $"example {index} ('{example.Title}'): {p}"));
        }

        Assert.True(problems.Count == 0, $"{cmdlet}: {string.Join("; ", problems)}.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Related_links_lead_to_the_other_cmdlets_and_the_about_topic(string cmdlet)
    {
        var links = Many(Get(Get(session.Help(cmdlet), "relatedLinks"), "navigationLink")).Select(l => Text(Get(l, "linkText")).Trim()).ToList();
        var known = ModuleCmdlets.Value.Append(AboutTopic).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(links.Count > 0, $"{cmdlet}: the help has no related links.");
        Assert.True(links.Contains(AboutTopic), $"{cmdlet}: the related links do not include {AboutTopic}.");
        var unknown = links.Where(l => !known.Contains(l) || string.Equals(l, cmdlet, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(unknown.Count == 0, $"{cmdlet}: related links to {string.Join(", ", unknown)} lead nowhere (not another ArchiveImport cmdlet or {AboutTopic}).");
    }

    [Fact]
    public void The_help_files_are_in_the_build_output_where_GetHelp_looks()
    {
        var culture = Path.Combine(AppContext.BaseDirectory, "en-US");

        Assert.True(File.Exists(Path.Combine(culture, HelpFile)), $"{HelpFile} is not in {culture}; check the en-US item of ArchiveImport.PowerShell.csproj.");
        Assert.True(File.Exists(Path.Combine(culture, AboutTopic + ".help.txt")), $"{AboutTopic}.help.txt is not in {culture}; check the about item of ArchiveImport.PowerShell.csproj.");
    }

    [Fact]
    public void GetHelp_finds_the_about_topic()
    {
        var outcome = session.Invoke($"Get-Help {AboutTopic}");

        Assert.True(outcome.Terminating is null && outcome.Errors.Count == 0, $"Get-Help {AboutTopic} failed: {outcome.AllText}");
        var text = string.Join('\n', outcome.Output.Select(o => o.ToString()));
        Assert.Contains(AboutTopic, text, StringComparison.Ordinal);
        Assert.Contains("LONG DESCRIPTION", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_about_topic_covers_every_cmdlet_setting_and_exit_code()
    {
        var text = session.Invoke($"Get-Help {AboutTopic}").ThrowIfFailed().Output.Select(o => o.ToString()).Aggregate("", (a, b) => a + "\n" + b);
        string[] required =
        [
            .. ModuleCmdlets.Value,
            SettingsLoader.HomeVariable, SettingsLoader.DatabaseVariable, SettingsLoader.ArchiveUrlVariable, SettingsLoader.SettingsFileVariable,
            "config/archiveimport.yaml", SettingsLoader.DefaultSqliteFile, ArchiveImportSettings.DefaultArchiveUrl,
            "-Database", "-HomePath", "archive-import -Command", "LOCKS", "EXIT CODES",
        ];

        var missing = required.Where(r => !text.Contains(r, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"{AboutTopic} does not mention {string.Join(", ", missing)}.");
    }

    [Fact]
    public void The_about_topics_examples_are_valid_PowerShell_and_use_only_real_parameters()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "en-US", AboutTopic + ".help.txt");
        Assert.True(File.Exists(file), $"{AboutTopic}.help.txt is not in the build output ({file}).");
        var text = File.ReadAllText(file);
        // The code lines: indented at least eight spaces (the cmdlet table above them is indented four), starting with a cmdlet or $env:.
        var commands = text.Split('\n').Where(l => l.StartsWith("        ", StringComparison.Ordinal)).Select(l => l.Trim())
            .Where(l => l.StartsWith("$env:", StringComparison.Ordinal) || ModuleCmdlets.Value.Any(c => l == c || l.StartsWith(c + " ", StringComparison.Ordinal)))
            .ToList();

        var problems = commands.SelectMany(c => CheckScript(c).Select(p => $"'{c}': {p}")).ToList();

        Assert.NotEmpty(commands);
        Assert.True(problems.Count == 0, $"{AboutTopic}: {string.Join("; ", problems)}.");
    }

    /// <summary>
    /// Parse errors, and parameters an ArchiveImport cmdlet does not have, in a script; in archive-import -Command text
    /// also commands archive-import lacks (it has the engine's core commands only, as this test session has).
    /// </summary>
    private List<string> CheckScript(string script, bool inArchiveImport = false)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        var problems = errors.Select(e => $"does not parse ({e.Message})").ToList();
        foreach (CommandAst command in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true))
        {
            var name = command.GetCommandName();
            if (inArchiveImport && name is not null && !session.Exists(name))
            {
                problems.Add($"archive-import has no command {name} (only pwsh has it)");
            }

            if (name is not null && name.EndsWith("archive-import", StringComparison.Ordinal))
            {
                var text = command.CommandElements.Skip(2).FirstOrDefault() switch
                {
                    StringConstantExpressionAst s => s.Value,
                    ExpandableStringExpressionAst s => s.Value,
                    _ => null,
                };
                problems.AddRange(text is null ? ["archive-import without a -Command string"] : CheckScript(text, inArchiveImport: true));
                continue;
            }

            if (name is null || !ModuleCmdlets.Value.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameters = session.Command(name).Parameters.Values;
            foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
            {
                var known = parameters.Any(p => string.Equals(p.Name, parameter.ParameterName, StringComparison.OrdinalIgnoreCase) ||
                    p.Aliases.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase));
                if (!known)
                {
                    problems.Add($"{name} has no parameter -{parameter.ParameterName}");
                }
            }
        }

        return problems;
    }

    private static string PipelineInput(ParameterSetMetadata declared)
    {
        var ways = new List<string>();
        if (declared.ValueFromPipelineByPropertyName)
        {
            ways.Add("ByPropertyName");
        }

        if (declared.ValueFromPipeline)
        {
            ways.Add("ByValue");
        }

        return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
    }

    private static Dictionary<string, object> HelpParameters(PSObject help)
    {
        var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in Many(Get(Get(help, "parameters"), "parameter")))
        {
            parameters[Text(Get(parameter, "name")).Trim()] = parameter;
        }

        return parameters;
    }

    private static List<(string Title, string Code, string Remarks)> Examples(PSObject help) =>
        Many(Get(Get(help, "examples"), "example"))
            .Select(e => (Text(Get(e, "title")).Trim(' ', '-'), Text(Get(e, "code")), Paragraphs(Get(e, "remarks"))))
            .ToList();

    private static object? Get(object? value, string name) =>
        value is null ? null : PSObject.AsPSObject(value).Properties[name]?.Value;

    private static IEnumerable<object> Many(object? value)
    {
        var unwrapped = value is PSObject ps ? ps.BaseObject : value;
        return unwrapped switch
        {
            null => [],
            string => [value!],
            IEnumerable items => items.Cast<object>().Where(i => i is not null),
            _ => [value!],
        };
    }

    private static string Text(object? value) => value?.ToString() ?? "";

    /// <summary>The text of a MAML description: its paragraphs (objects with a Text property), joined.</summary>
    private static string Paragraphs(object? value) =>
        string.Join("\n", Many(value).Select(p => Get(p, "Text") is { } text ? Text(text) : Text(p)).Where(t => t.Trim().Length > 0)).Trim();

    /// <summary>One runspace with the module imported, shared by the tests of this class; help and commands are read once.</summary>
    public sealed class HelpSession : IDisposable
    {
        private readonly TestHome home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        private readonly PowerShellSession ps;
        private readonly Dictionary<string, PSObject> help = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, CmdletInfo> commands = new(StringComparer.OrdinalIgnoreCase);

        public HelpSession() => ps = new PowerShellSession(home.Path);

        public PipelineOutcome Invoke(string script) => ps.Invoke(script);

        /// <summary>Get-Help -Full of a cmdlet; fails the test when Get-Help did not find its MAML help.</summary>
        public PSObject Help(string cmdlet)
        {
            if (!help.TryGetValue(cmdlet, out var found))
            {
                var outcome = ps.Invoke($"Get-Help {cmdlet} -Full").ThrowIfFailed();
                found = Assert.Single(outcome.Output);
                Assert.True(found.TypeNames.Any(t => t.StartsWith("MamlCommandHelpInfo", StringComparison.Ordinal)),
                    $"{cmdlet}: Get-Help found no written help (it made up {string.Join(", ", found.TypeNames)}); add a <command:command> for it to en-US/{HelpFile}.");
                help[cmdlet] = found;
            }

            return found;
        }

        public bool Exists(string command) =>
            ps.Invoke($"Get-Command -Name '{command.Replace("'", "''", StringComparison.Ordinal)}' -ErrorAction Ignore").Output.Count > 0;

        public CmdletInfo Command(string cmdlet)
        {
            if (!commands.TryGetValue(cmdlet, out var found))
            {
                found = Assert.IsType<CmdletInfo>(Assert.Single(ps.Invoke($"Get-Command {cmdlet}").ThrowIfFailed().Output).BaseObject);
                commands[cmdlet] = found;
            }

            return found;
        }

        /// <summary>The cmdlet's own parameters: not the common ones, not -WhatIf/-Confirm, not those marked DontShow.</summary>
        public IReadOnlyList<ParameterMetadata> VisibleParameters(string cmdlet) =>
            Command(cmdlet).Parameters.Values
                .Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !Cmdlet.OptionalCommonParameters.Contains(p.Name))
                .Where(p => !p.Attributes.OfType<ParameterAttribute>().Any(a => a.DontShow))
                .ToList();

        public void Dispose()
        {
            ps.Dispose();
            home.Dispose();
        }
    }
}
