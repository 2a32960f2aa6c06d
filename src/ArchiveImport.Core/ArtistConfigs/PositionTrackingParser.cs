using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Passes events through while remembering where the last one ended and which flow brackets are
/// still open, because YamlDotNet reports an unclosed <c>[</c> or <c>{</c> at the end of the
/// file with an exception that carries no position. It also checks every YAML alias
/// (<c>*name</c>) where it is written, before any tree is built: an alias to an anchor never
/// defined is reported at the alias (YamlDotNet would report the start of the file), and an alias
/// to a list or mapping is refused, which also stops "billion laughs" files that multiply a small
/// text into millions of entries.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    private readonly Stack<(Mark Start, bool IsFlow)> openCollections = new();

    // Anchor name → whether it names a list or mapping (true) or a single value (false).
    private readonly Dictionary<string, bool> anchors = new(StringComparer.Ordinal);

    public ParsingEvent? Current => inner.Current;

    public Mark LastEnd { get; private set; } = Mark.Empty;

    /// <summary>Where the innermost flow collection still open began, if any.</summary>
    public Mark? InnermostOpenFlowCollection =>
        openCollections.Where(collection => collection.IsFlow).Select(collection => (Mark?)collection.Start).FirstOrDefault();

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (moved && inner.Current is { } current)
        {
            LastEnd = current.End;
            Track(current);
            CheckAnchors(current);
        }

        return moved;
    }

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case SequenceStart sequence:
                openCollections.Push((current.Start, sequence.Style == SequenceStyle.Flow));
                break;
            case MappingStart mapping:
                openCollections.Push((current.Start, mapping.Style == MappingStyle.Flow));
                break;
            case SequenceEnd or MappingEnd when openCollections.Count > 0:
                openCollections.Pop();
                break;
        }
    }

    private void CheckAnchors(ParsingEvent current)
    {
        if (current is AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (!anchors.TryGetValue(name, out var isCollection))
            {
                throw new YamlAliasException(alias.Start, alias.End,
                    $"the alias '*{name}' refers to an anchor '&{name}' that is not defined before it",
                    $"Define '&{name}' earlier in the file, or write the value here instead of the alias.");
            }

            if (isCollection)
            {
                throw new YamlAliasException(alias.Start, alias.End,
                    $"the alias '*{name}' repeats a whole list or mapping",
                    "Artist configs never need a list or track twice (a repeated track or alias is rejected anyway): "
                    + "write the entries out instead of the alias.");
            }
        }
        else if (current is NodeEvent { Anchor.IsEmpty: false } node)
        {
            anchors[node.Anchor.Value] = node is SequenceStart or MappingStart;
        }
    }
}

/// <summary>A YAML alias an artist config cannot use, at the alias's own position.</summary>
internal sealed class YamlAliasException(Mark start, Mark end, string problem, string remedy)
    : YamlException(start, end, problem)
{
    public string Problem { get; } = problem;

    public string Remedy { get; } = remedy;
}
