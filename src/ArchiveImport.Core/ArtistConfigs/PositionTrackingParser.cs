using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// Passes events through while remembering where the last one ended and which flow brackets are
/// still open, because YamlDotNet reports an unclosed <c>[</c> or <c>{</c> at the end of the
/// file with an exception that carries no position.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    private readonly Stack<(Mark Start, bool IsFlow)> openCollections = new();

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
}
