namespace ArchiveImport.Core.Matching;

/// <summary>
/// The match of a whole raw track title: its segments in order, and whether the track ends in a
/// segue marker (it runs into the next track without a break). A blank title has no segments.
/// </summary>
public sealed record TitleMatch(string RawTitle, IReadOnlyList<SegmentMatch> Segments, bool SeguesIntoNext);
