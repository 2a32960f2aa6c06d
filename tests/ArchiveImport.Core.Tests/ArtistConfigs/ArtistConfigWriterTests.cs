using System.Text;
using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.Tests.ArtistConfigs;

public sealed class ArtistConfigWriterTests : IDisposable
{
    private const string TestBand = """
        # Test Band: a file with every layout the writer edits.

        name: Test Band
        collection: TestBand   # archive.org collection identifier

        tracks:
          - key: alpha           # block list
            name: Alpha
            aliases:
              - Alpha One        # first alias
              - 'Alpha Two'
            # a comment after the list stays where it is
          - key: beta
            name: Beta
            aliases: [B1]  # note
          - key: gamma
            name: "Gamma #1"
          - key: delta
            name: Delta
            aliases: []
          - key: epsilon
            name: Epsilon
            aliases:   # none yet
          - key: zeta
            name: Zeta
            aliases: ~
          - key: eta
            name: Eta
            aliases: [Eta One,
                      Eta Two]
          - {key: theta, name: Theta}
          - key: omega
            name: Omega

        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Appending_to_a_flow_list_in_grateful_dead_changes_only_that_line()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllText(path);
        var aliasLine = LineAfterKey(before, "dark-star", 2);
        Assert.Equal("    aliases: [Darkstar]", aliasLine.Text);

        var added = ArtistConfigWriter.AddAliases(path, [new AliasAddition("dark-star", "Dark Star Jam")]);

        Assert.Equal([new AliasAddition("dark-star", "Dark Star Jam")], added);
        AssertOnlyChanged(before, File.ReadAllText(path), replaced: new() { [aliasLine.Index] = "    aliases: [Darkstar, Dark Star Jam]" });
        Assert.Equal(["Darkstar", "Dark Star Jam"], Song(path, "dark-star").Aliases);
    }

    [Fact]
    public void A_song_without_aliases_in_grateful_dead_gets_an_aliases_line_after_its_name()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllText(path);
        var nameLine = LineAfterKey(before, "addams-family", 1);
        Assert.Equal("    name: Addams Family", nameLine.Text);

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("addams-family", "Addams Family Theme")]);

        AssertOnlyChanged(before, File.ReadAllText(path), inserted: new() { [nameLine.Index + 1] = ["    aliases: [Addams Family Theme]"] });
        Assert.Equal(["Addams Family Theme"], Song(path, "addams-family").Aliases);
    }

    [Fact]
    public void Several_songs_and_several_aliases_per_song_are_edited_in_one_call()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllText(path);
        var china = LineAfterKey(before, "china-cat-sunflower", 2);
        var addams = LineAfterKey(before, "addams-family", 1);

        var added = ArtistConfigWriter.AddAliases(path,
        [
            new AliasAddition("china-cat-sunflower", "China Cat Jam"),
            new AliasAddition("addams-family", "Addams"),
            new AliasAddition("China-Cat-Sunflower", "Chinacat"),
        ]);

        Assert.Equal(
            [new AliasAddition("china-cat-sunflower", "China Cat Jam"), new AliasAddition("addams-family", "Addams"),
                new AliasAddition("china-cat-sunflower", "Chinacat")],
            added);
        AssertOnlyChanged(before, File.ReadAllText(path),
            replaced: new() { [china.Index] = "    aliases: [China Cat, China Cat Jam, Chinacat]" },
            inserted: new() { [addams.Index + 1] = ["    aliases: [Addams]"] });
        Assert.Equal(["China Cat", "China Cat Jam", "Chinacat"], Song(path, "china-cat-sunflower").Aliases);
        Assert.Equal(["Addams"], Song(path, "addams-family").Aliases);
    }

    [Fact]
    public void Yonder_mountain_keeps_its_comments_and_gets_aliases_on_the_right_songs()
    {
        var path = CopyShipped("yonder-mountain-string-band.yaml");
        var before = File.ReadAllText(path);
        var cylinders = LineAfterKey(before, "8-cylinders", 2);
        var lastName = LineAfterKey(before, "country-boy-rock-and-roll", 1);

        ArtistConfigWriter.AddAliases(path,
        [
            new AliasAddition("country-boy-rock-and-roll", "Country Boy"),
            new AliasAddition("8-cylinders", "Eight Cyl"),
        ]);

        AssertOnlyChanged(before, File.ReadAllText(path),
            replaced: new() { [cylinders.Index] = "    aliases: [Eight Cylinders, Eight Cyl]" },
            inserted: new() { [lastName.Index + 1] = ["    aliases: [Country Boy]"] });
        var config = ArtistConfigStore.Load(path);
        Assert.Equal(["Eight Cylinders", "Eight Cyl"], config.Songs.Single(song => song.Key == "8-cylinders").Aliases);
        Assert.Equal(["Country Boy"], config.Songs.Single(song => song.Key == "country-boy-rock-and-roll").Aliases);
        var shipped = ArtistConfigStore.Load(Path.Combine(ShippedDirectory, "yonder-mountain-string-band.yaml"));
        Assert.Equal(shipped.Songs.Select(song => (song.Key, song.Name)), config.Songs.Select(song => (song.Key, song.Name)));
        Assert.All(config.Songs.Where(song => song.Key is not ("8-cylinders" or "country-boy-rock-and-roll")),
            song => Assert.Equal(shipped.Songs.Single(original => original.Key == song.Key).Aliases, song.Aliases));
    }

    [Fact]
    public void Every_list_layout_is_appended_to_in_its_own_style()
    {
        var path = directory.Write("test-band.yaml", TestBand);
        var before = File.ReadAllText(path);

        ArtistConfigWriter.AddAliases(path,
        [
            new AliasAddition("alpha", "Alpha Three"),
            new AliasAddition("beta", "Beta Two"),
            new AliasAddition("gamma", "Gamma Ray"),
            new AliasAddition("delta", "Delta Blues"),
            new AliasAddition("epsilon", "Epsilon Jam"),
            new AliasAddition("zeta", "Zeta Jam"),
            new AliasAddition("eta", "Eta Three"),
            new AliasAddition("theta", "Theta Jam"),
            new AliasAddition("omega", "Omega Man"),
        ]);

        var expected = before
            .Replace("      - 'Alpha Two'\n", "      - 'Alpha Two'\n      - Alpha Three\n", StringComparison.Ordinal)
            .Replace("[B1]  # note", "[B1, Beta Two]  # note", StringComparison.Ordinal)
            .Replace("    name: \"Gamma #1\"\n", "    name: \"Gamma #1\"\n    aliases: [Gamma Ray]\n", StringComparison.Ordinal)
            .Replace("aliases: []", "aliases: [Delta Blues]", StringComparison.Ordinal)
            .Replace("aliases:   # none yet", "aliases: [Epsilon Jam]   # none yet", StringComparison.Ordinal)
            .Replace("aliases: ~", "aliases: [Zeta Jam]", StringComparison.Ordinal)
            .Replace("Eta Two]", "Eta Two,\n              Eta Three]", StringComparison.Ordinal)
            .Replace("{key: theta, name: Theta}", "{key: theta, name: Theta, aliases: [Theta Jam]}", StringComparison.Ordinal)
            .Replace("    name: Omega\n", "    name: Omega\n    aliases: [Omega Man]\n", StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(path));

        var songs = ArtistConfigStore.Load(path).Songs.ToDictionary(song => song.Key, song => song.Aliases);
        Assert.Equal(["Alpha One", "Alpha Two", "Alpha Three"], songs["alpha"]);
        Assert.Equal(["Eta One", "Eta Two", "Eta Three"], songs["eta"]);
        Assert.Equal(["Theta Jam"], songs["theta"]);
    }

    [Fact]
    public void Crlf_line_endings_are_kept_including_on_inserted_lines()
    {
        var path = Path.Combine(directory.Path, "crlf.yaml");
        File.WriteAllText(path, TestBand.ReplaceLineEndings("\r\n"));

        ArtistConfigWriter.AddAliases(path,
        [
            new AliasAddition("alpha", "Alpha Three"),
            new AliasAddition("beta", "Beta Two"),
            new AliasAddition("omega", "Omega Man"),
        ]);

        var after = File.ReadAllText(path);
        Assert.DoesNotMatch("[^\r]\n", after);
        Assert.Contains("      - 'Alpha Two'\r\n      - Alpha Three\r\n    # a comment", after, StringComparison.Ordinal);
        Assert.Contains("[B1, Beta Two]  # note\r\n", after, StringComparison.Ordinal);
        Assert.EndsWith("    name: Omega\r\n    aliases: [Omega Man]\r\n", after, StringComparison.Ordinal);
        Assert.Equal(["Omega Man"], Song(path, "omega").Aliases);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_file_without_a_final_line_break_still_has_none(string newline)
    {
        var text = """
            name: Test Band
            collection: TestBand
            tracks:
              - key: alpha
                name: Alpha
                aliases:
                  - Alpha One
              - key: omega
                name: Omega
            """.ReplaceLineEndings(newline);
        var path = Path.Combine(directory.Path, "no-final-newline.yaml");
        File.WriteAllText(path, text);

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("omega", "Omega Man")]);
        Assert.Equal(text + newline + "    aliases: [Omega Man]", File.ReadAllText(path));

        File.WriteAllText(path, text.Replace(newline + "  - key: omega" + newline + "    name: Omega", string.Empty, StringComparison.Ordinal));
        ArtistConfigWriter.AddAliases(path, [new AliasAddition("alpha", "Alpha Two")]);
        Assert.EndsWith("      - Alpha One" + newline + "      - Alpha Two", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["Alpha One", "Alpha Two"], Song(path, "alpha").Aliases);
    }

    [Theory]
    [InlineData("Blue Yodel #10", "\"Blue Yodel #10\"")]
    [InlineData("Help: Slipknot", "\"Help: Slipknot\"")]
    [InlineData("Slipknot, Franklin's", "\"Slipknot, Franklin's\"")]
    [InlineData("Rock & Roll", "\"Rock & Roll\"")]
    [InlineData("[Live] Jam", "\"[Live] Jam\"")]
    [InlineData("Goin' Home", "\"Goin' Home\"")]
    [InlineData("'Round Midnight", "\"'Round Midnight\"")]
    [InlineData("Say \"Hi\"", "'Say \"Hi\"'")]
    [InlineData("Back\\slash: it's", "'Back\\slash: it''s'")]
    [InlineData("1999", "\"1999\"")]
    [InlineData("3.5", "\"3.5\"")]
    [InlineData("Yes", "\"Yes\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("Null", "\"Null\"")]
    [InlineData("-Dash", "\"-Dash\"")]
    [InlineData("100% Jam", "\"100% Jam\"")]
    [InlineData("Plain Words 2", "Plain Words 2")]
    [InlineData("Crème Brûlée", "Crème Brûlée")]
    public void Aliases_are_quoted_when_yaml_needs_it_and_read_back_exactly(string alias, string written)
    {
        var flow = directory.Write("flow.yaml", TestBand);
        var block = directory.Write("block.yaml", TestBand);

        ArtistConfigWriter.AddAliases(flow, [new AliasAddition("beta", alias)]);
        ArtistConfigWriter.AddAliases(block, [new AliasAddition("alpha", alias)]);

        Assert.Contains($"aliases: [B1, {written}]  # note", File.ReadAllText(flow), StringComparison.Ordinal);
        Assert.Contains($"      - {written}\n", File.ReadAllText(block), StringComparison.Ordinal);
        Assert.Equal(["B1", alias], Song(flow, "beta").Aliases);
        Assert.Equal(["Alpha One", "Alpha Two", alias], Song(block, "alpha").Aliases);
    }

    [Fact]
    public void Adding_the_same_alias_twice_adds_it_once()
    {
        var path = CopyShipped("grateful-dead.yaml");

        var first = ArtistConfigWriter.AddAliases(path, [new AliasAddition("dark-star", "Dark Star Jam"), new AliasAddition("dark-star", " dark star JAM ")]);
        var afterFirst = File.ReadAllBytes(path);
        var second = ArtistConfigWriter.AddAliases(path, [new AliasAddition("dark-star", "DARK STAR JAM"), new AliasAddition("dark-star", "darkstar")]);

        Assert.Equal([new AliasAddition("dark-star", "Dark Star Jam")], first);
        Assert.Empty(second);
        Assert.Equal(afterFirst, File.ReadAllBytes(path));
        Assert.Equal(["Darkstar", "Dark Star Jam"], Song(path, "dark-star").Aliases);
    }

    [Fact]
    public void The_song_name_or_key_as_an_alias_is_already_present_and_skipped()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllBytes(path);

        var added = ArtistConfigWriter.AddAliases(path, [new AliasAddition("dark-star", "dark star"), new AliasAddition("dark-star", "Dark-Star")]);

        Assert.Empty(added);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void An_unknown_key_names_the_key_the_file_and_the_closest_keys_and_changes_nothing()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path,
            [new AliasAddition("china-cat-sunflower", "China Cat Jam"), new AliasAddition("dark-str", "Darkstar Jam")]));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no song has the key 'dark-str'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Closest keys: dark-star", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        AssertNoTemporaryFiles();
    }

    [Fact]
    public void A_song_name_given_as_key_suggests_its_slug()
    {
        var path = CopyShipped("grateful-dead.yaml");

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path, [new AliasAddition("Sugar Magnolia", "Sugar Magnolias")]));

        Assert.Contains("Closest keys: sugar-magnolia", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dark Star", "is the name of 'Dark Star' (line 221)")]
    [InlineData("the dark star", "is the name of 'Dark Star' (line 221)")]
    [InlineData("Sugar Mag", "is an alias of 'Sugar Magnolia' (line 1036)")]
    [InlineData("sugar-magnolia", "is the name of 'Sugar Magnolia' (line 1035)")]
    public void An_alias_of_another_song_is_refused_and_changes_nothing(string alias, string expected)
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path,
            [new AliasAddition("addams-family", "Addams"), new AliasAddition("china-cat-sunflower", alias)]));

        Assert.Contains($"alias '{alias}' for 'China Cat Sunflower' {expected}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void The_key_of_another_song_is_refused()
    {
        var path = directory.Write("test-band.yaml", TestBand.Replace("key: omega", "key: last-one", StringComparison.Ordinal));
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path, [new AliasAddition("beta", "Last One")]));

        Assert.StartsWith($"{path}(32,10): alias 'Last One' for 'Beta' is the key of 'Omega' (line 32). ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void One_new_alias_for_two_songs_is_refused()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path,
            [new AliasAddition("addams-family", "The Family"), new AliasAddition("china-cat-sunflower", "the family")]));

        Assert.Contains("is an alias of 'Addams Family' in this same request", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("", "an empty alias for 'Beta' was given")]
    [InlineData("   ", "an empty alias for 'Beta' was given")]
    [InlineData("?!", "the alias '?!' for 'Beta' has no letters or digits")]
    [InlineData("Two\nLines", "for 'Beta' holds a line break or control character")]
    public void Empty_or_unusable_aliases_are_refused(string alias, string expected)
    {
        var path = directory.Write("test-band.yaml", TestBand);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path, [new AliasAddition("beta", alias)]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_that_does_not_load_is_not_edited()
    {
        var path = directory.Write("broken.yaml", "name: Broken\ncollection: Broken\ntracks:\n  - key: a\n");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path, [new AliasAddition("a", "A")]));

        Assert.Contains("has no 'name'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_byte_order_mark_is_kept()
    {
        var path = Path.Combine(directory.Path, "bom.yaml");
        File.WriteAllText(path, TestBand, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("beta", "Beta Two")]);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(TestBand.Replace("[B1]", "[B1, Beta Two]", StringComparison.Ordinal), Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public void A_file_that_is_not_valid_utf8_is_refused_rather_than_rewritten()
    {
        var path = Path.Combine(directory.Path, "latin1.yaml");
        var bytes = Encoding.UTF8.GetBytes(TestBand).Concat(new byte[] { (byte)'#', (byte)' ', 0xE9, (byte)'\n' }).ToArray();
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddAliases(path, [new AliasAddition("beta", "Beta Two")]));

        Assert.Contains("the file is not valid utf-8 text", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007 and \"quotes\" and \\")]
    [InlineData("  padded  ")]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("0x1F")]
    [InlineData("2024-05-01")]
    [InlineData("- item")]
    [InlineData("? key")]
    public void Any_text_is_formatted_as_a_scalar_that_reads_back_exactly(string value)
    {
        var yaml = $"flow: [{YamlScalarFormatter.Format(value)}]\nblock:\n  - {YamlScalarFormatter.Format(value)}\n";
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;

        foreach (var field in new[] { "flow", "block" })
        {
            var item = (YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)root[field]).Children[0];
            Assert.Equal(value, item.Value);
            Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, item.Style);
        }
    }

    [Fact]
    public void Non_ascii_text_before_the_edit_does_not_shift_it()
    {
        var text = TestBand.Replace("# Test Band: a file", "# Test Band 🎸 Crème: a file", StringComparison.Ordinal);
        var path = directory.Write("test-band.yaml", text);

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("beta", "Beta Two")]);

        Assert.Equal(text.Replace("[B1]", "[B1, Beta Two]", StringComparison.Ordinal), File.ReadAllText(path));
    }

    [Fact]
    public void Ignore_is_created_after_collection_when_missing()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllText(path);
        var collection = Lines(before).FindIndex(line => line.StartsWith("collection:", StringComparison.Ordinal));

        var added = ArtistConfigWriter.AddIgnored(path, ["Crowd Cheers", "Tuning", "crowd cheers"]);

        Assert.Equal(["Crowd Cheers", "Tuning"], added);
        AssertOnlyChanged(before, File.ReadAllText(path), inserted: new() { [collection + 1] = ["ignore: [Crowd Cheers, Tuning]"] });
        Assert.Equal(["Crowd Cheers", "Tuning"], ArtistConfigStore.Load(path).Ignore);
    }

    [Fact]
    public void Ignore_lists_are_appended_to_in_their_own_style_and_known_entries_skipped()
    {
        var flow = directory.Write("flow.yaml", "name: A\ncollection: A\nignore: [tuning]   # artist-specific\ntracks: []\n");
        var block = directory.Write("block.yaml", "name: B\ncollection: B\nignore:\n  - tuning\ntracks: []\n");

        Assert.Equal(["Stage: Talk"], ArtistConfigWriter.AddIgnored(flow, ["TUNING", "Stage: Talk"]));
        Assert.Equal(["Crowd"], ArtistConfigWriter.AddIgnored(block, ["Crowd"]));
        Assert.Empty(ArtistConfigWriter.AddIgnored(block, ["crowd "]));

        Assert.Equal("name: A\ncollection: A\nignore: [tuning, \"Stage: Talk\"]   # artist-specific\ntracks: []\n", File.ReadAllText(flow));
        Assert.Equal("name: B\ncollection: B\nignore:\n  - tuning\n  - Crowd\ntracks: []\n", File.ReadAllText(block));
        Assert.Equal(["tuning", "Stage: Talk"], ArtistConfigStore.Load(flow).Ignore);
    }

    [Fact]
    public void A_song_title_cannot_be_ignored()
    {
        var path = CopyShipped("grateful-dead.yaml");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddIgnored(path, ["Tuning", "DARK STAR"]));

        Assert.Contains("'DARK STAR' cannot be ignored: it is the name of 'Dark Star' (line 221)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Contains("an empty ignore entry was given", Assert.Throws<ArtistConfigException>(() => ArtistConfigWriter.AddIgnored(path, [" "])).Message,
            StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Writing_leaves_no_temporary_file_behind()
    {
        var path = CopyShipped("lettuce.yaml");

        ArtistConfigWriter.AddAliases(path, [new AliasAddition("blast-off", "Blastoff")]);
        ArtistConfigWriter.AddIgnored(path, ["Lettuce Intro"]);

        AssertNoTemporaryFiles();
        var config = ArtistConfigStore.Load(path);
        Assert.Equal(["Blastoff"], config.Songs.Single(song => song.Key == "blast-off").Aliases);
        Assert.Equal(["Lettuce Intro"], config.Ignore);
    }

    private static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "config", "artists");

    private string CopyShipped(string fileName)
    {
        var path = Path.Combine(directory.Path, fileName);
        File.Copy(Path.Combine(ShippedDirectory, fileName), path);
        return path;
    }

    private void AssertNoTemporaryFiles() =>
        Assert.All(Directory.GetFiles(directory.Path), file => Assert.EndsWith(".yaml", file, StringComparison.Ordinal));

    private static SongDefinition Song(string path, string key) => ArtistConfigStore.Load(path).Songs.Single(song => song.Key == key);

    /// <summary>Lines with their terminators removed ('\n' only, so a CRLF file would keep its '\r').</summary>
    private static List<string> Lines(string text) => [.. text.Split('\n')];

    private static (int Index, string Text) LineAfterKey(string text, string key, int offset)
    {
        var lines = Lines(text);
        var index = lines.IndexOf($"  - key: {key}") + offset;
        return (index, lines[index]);
    }

    /// <summary>
    /// The new text is the old one with exactly the given lines replaced (by old index) and the given
    /// lines inserted (before the old line at that index); every other line, comments included, is identical.
    /// </summary>
    private static void AssertOnlyChanged(string before, string after,
        Dictionary<int, string>? replaced = null, Dictionary<int, string[]>? inserted = null)
    {
        var expected = new List<string>();
        var old = Lines(before);
        for (var i = 0; i < old.Count; i++)
        {
            if (inserted?.TryGetValue(i, out var lines) == true)
            {
                expected.AddRange(lines);
            }

            expected.Add(replaced?.TryGetValue(i, out var line) == true ? line : old[i]);
        }

        Assert.Equal(expected, Lines(after));
    }
}
