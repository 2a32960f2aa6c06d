using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Offset"/> of a text with <see cref="Text"/>.</summary>
internal readonly record struct TextEdit(int Offset, int Length, string Text);

/// <summary>The edit cannot be placed safely: the file is laid out in a way the editor does not handle.</summary>
internal sealed class YamlLayoutException(string message) : Exception(message);

/// <summary>
/// Finds where to edit an artist file's text to append entries to a list field, from the positions
/// YamlDotNet's representation model records for each node (<see cref="Mark.Index"/> counts UTF-16
/// characters from the start of the text, a CRLF being two). Only node positions are trusted:
/// collection nodes' end marks are not (the model leaves them at the start), so the end of a
/// collection is the end of its last child, and a flow collection's closing bracket is found by
/// scanning from there. Edits are insertions of whole lines, or insertions right after an existing
/// item, so everything around them stays as written: comments, blank lines, quoting and style.
/// </summary>
internal sealed partial class YamlTextLayout
{
    private readonly string text;
    private readonly string defaultNewline;

    private YamlTextLayout(string text, YamlMappingNode root)
    {
        this.text = text;
        Root = root;
        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        defaultNewline = firstNewline > 0 && text[firstNewline - 1] == '\r' ? "\r\n" : "\n";
    }

    public YamlMappingNode Root { get; }

    /// <summary>Parses a text the artist reader has already accepted (one document, a mapping at the root).</summary>
    public static YamlTextLayout Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? new YamlTextLayout(text, root)
            : throw new YamlLayoutException("the file is not a single YAML mapping");
    }

    /// <summary>The <paramref name="index"/>th entry of <c>tracks:</c>, in file order.</summary>
    public YamlMappingNode Track(int index) =>
        Field(Root, "tracks")?.Value is YamlSequenceNode tracks && index < tracks.Children.Count && tracks.Children[index] is YamlMappingNode track
            ? track
            : throw new YamlLayoutException($"track {index + 1} was not found under 'tracks'");

    /// <summary>
    /// The edit that appends <paramref name="values"/> (already formatted as YAML scalars) to the list
    /// field <paramref name="field"/> of <paramref name="mapping"/>: inside the brackets of a flow list,
    /// as new <c>- </c> lines of a block list, in place of an empty value, or, when the field is
    /// missing, as a new <c>field: [..]</c> line after the line where <paramref name="afterField"/>'s
    /// value ends (after the mapping's last field when null or missing).
    /// </summary>
    public TextEdit AppendToList(YamlMappingNode mapping, string field, string? afterField, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(values));
        }

        if (Field(mapping, field) is { } existing)
        {
            return existing.Value switch
            {
                YamlSequenceNode { Style: SequenceStyle.Flow } flow => AppendToFlowList(flow, values),
                YamlSequenceNode block => AppendToBlockList(block, values),
                YamlScalarNode empty => ReplaceEmptyValue(field, empty, values),
                _ => throw new YamlLayoutException($"'{field}' at line {existing.Key.Start.Line} is not a list"),
            };
        }

        var after = (afterField is null ? null : Field(mapping, afterField))
            ?? mapping.Children.MaxBy(child => ContentEnd(child.Value));
        var line = $"{field}: [{string.Join(", ", values)}]";
        if (mapping.Style == MappingStyle.Flow)
        {
            return new TextEdit(ContentEnd(after.Value), 0, ", " + line);
        }

        var indentation = new string(' ', Column(after.Key.Start));
        return InsertLinesAfter(ContentEnd(after.Value), [indentation + line]);
    }

    /// <summary>Applies non-overlapping edits, from the end of the text backwards so earlier offsets stay valid.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var result = new StringBuilder(text);
        int? previous = null;
        foreach (var edit in edits.OrderByDescending(edit => edit.Offset))
        {
            if (edit.Offset < 0 || edit.Length < 0 || edit.Offset + edit.Length > text.Length)
            {
                throw new YamlLayoutException($"edit at offset {edit.Offset} is outside the text");
            }

            // Two edits at one offset would depend on the order they are applied in.
            if (previous is { } next && (edit.Offset == next || edit.Offset + edit.Length > next))
            {
                throw new YamlLayoutException($"overlapping edits at offset {edit.Offset}");
            }

            result.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.Text);
            previous = edit.Offset;
        }

        return result.ToString();
    }

    private static KeyValuePair<YamlNode, YamlNode>? Field(YamlMappingNode mapping, string name)
    {
        foreach (var child in mapping.Children)
        {
            if (child.Key is YamlScalarNode { Value: { } key } && key == name)
            {
                return child;
            }
        }

        return null;
    }

    // [a, b] → [a, b, new]: after the last item, with the separator already used between items.
    private TextEdit AppendToFlowList(YamlSequenceNode list, IReadOnlyList<string> values)
    {
        var open = Offset(list.Start);
        Expect(open, '[');
        if (list.Children.Count == 0)
        {
            var close = SkipBlanks(open + 1);
            return close < text.Length && text[close] == ']'
                ? new TextEdit(open, close + 1 - open, "[" + string.Join(", ", values) + "]")
                : new TextEdit(open + 1, 0, string.Join(", ", values));
        }

        var separator = ", ";
        if (list.Children.Count >= 2)
        {
            var between = text[ContentEnd(list.Children[^2])..Offset(list.Children[^1].Start)];
            if (between.Trim() == "," && !between.Contains('#', StringComparison.Ordinal))
            {
                separator = between;
            }
        }

        return new TextEdit(ContentEnd(list.Children[^1]), 0, separator + string.Join(separator, values));
    }

    // "- last" → "- last" + one "- new" line per value, with the last item's own "  - " prefix.
    private TextEdit AppendToBlockList(YamlSequenceNode list, IReadOnlyList<string> values)
    {
        var last = list.Children[^1];
        var itemStart = Offset(last.Start);
        var prefix = text[LineStart(itemStart)..itemStart];
        if (!BlockItemPrefix().IsMatch(prefix))
        {
            prefix = new string(' ', Column(list.Start)) + "- ";
        }

        return InsertLinesAfter(ContentEnd(last), values.Select(value => prefix + value).ToList());
    }

    // "aliases:", "aliases: ~" or "aliases: null" (a comment after it stays).
    private TextEdit ReplaceEmptyValue(string field, YamlScalarNode value, IReadOnlyList<string> values)
    {
        if (value.Style != ScalarStyle.Plain || value.Value is not (null or "" or "~" or "null" or "Null" or "NULL"))
        {
            throw new YamlLayoutException($"'{field}' at line {value.Start.Line} is not a list");
        }

        var start = Offset(value.Start);
        var end = Offset(value.End);
        var list = "[" + string.Join(", ", values) + "]";
        if (start == end)
        {
            Expect(start - 1, ':');
            return new TextEdit(start, 0, " " + list);
        }

        return new TextEdit(start, end - start, list);
    }

    private TextEdit InsertLinesAfter(int contentEnd, IReadOnlyList<string> lines)
    {
        // The character before the end is the node's last one, so a node that ends at the start of a
        // line (a block scalar takes its line break) still counts as ending on the line before.
        var newline = text.IndexOf('\n', Math.Max(contentEnd - 1, 0));
        if (newline < 0)
        {
            // The last line, and the file does not end with a line break: keep it that way.
            return new TextEdit(text.Length, 0, string.Concat(lines.Select(line => defaultNewline + line)));
        }

        var lineBreak = newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
        return new TextEdit(newline + 1, 0, string.Concat(lines.Select(line => line + lineBreak)));
    }

    /// <summary>Offset just after a node's last character (the closing bracket of a flow collection).</summary>
    private int ContentEnd(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Offset(scalar.End),
        YamlSequenceNode { Style: SequenceStyle.Flow } flow =>
            CloseBracket(flow.Children.Count > 0 ? ContentEnd(flow.Children[^1]) : Offset(flow.Start) + 1, ']'),
        YamlSequenceNode { Children.Count: > 0 } block => ContentEnd(block.Children[^1]),
        YamlMappingNode { Style: MappingStyle.Flow } flow =>
            CloseBracket(flow.Children.Count > 0 ? flow.Children.Max(child => ContentEnd(child.Value)) : Offset(flow.Start) + 1, '}'),
        YamlMappingNode { Children.Count: > 0 } block => block.Children.Max(child => Math.Max(ContentEnd(child.Key), ContentEnd(child.Value))),
        _ => throw new YamlLayoutException($"cannot tell where the value at line {node.Start.Line} ends"),
    };

    // From inside a flow collection, past blanks, commas and comments to just after its closing bracket.
    private int CloseBracket(int from, char close)
    {
        var i = from;
        while (i < text.Length)
        {
            i = SkipBlanks(i);
            if (i < text.Length && text[i] == close)
            {
                return i + 1;
            }

            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
            else if (i < text.Length && text[i] == '#')
            {
                var lineEnd = text.IndexOf('\n', i);
                i = lineEnd < 0 ? text.Length : lineEnd;
            }
            else
            {
                break;
            }
        }

        throw new YamlLayoutException($"cannot find the closing '{close}' after offset {from}");
    }

    private int SkipBlanks(int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    private int LineStart(int offset) => offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;

    private int Offset(Mark mark)
    {
        var offset = checked((int)mark.Index);
        return offset >= 0 && offset <= text.Length
            ? offset
            : throw new YamlLayoutException($"position {mark.Index} is outside the text");
    }

    // Zero-based column, counted from the text itself rather than the mark, so the two cannot disagree.
    private int Column(Mark mark)
    {
        var offset = Offset(mark);
        return offset - LineStart(offset);
    }

    private void Expect(int offset, char expected)
    {
        if (offset < 0 || offset >= text.Length || text[offset] != expected)
        {
            throw new YamlLayoutException($"expected '{expected}' at offset {offset}");
        }
    }

    [GeneratedRegex(@"^ *- +\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlockItemPrefix();
}
