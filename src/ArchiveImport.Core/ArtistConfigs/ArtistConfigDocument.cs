using YamlDotNet.Core;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>A text value from the YAML file and where it starts, so validation can point at it.</summary>
internal sealed record LocatedText(string Value, Mark Start);

/// <summary>One entry of <c>tracks:</c> as written, before validation.</summary>
internal sealed record TrackDocument(Mark Start, LocatedText? Key, LocatedText? Name, IReadOnlyList<LocatedText> Aliases);

/// <summary>An artist file as written, before validation. Missing fields are null.</summary>
internal sealed record ArtistDocument(
    Mark Start,
    LocatedText? Name,
    LocatedText? Collection,
    IReadOnlyList<LocatedText> Ignore,
    IReadOnlyList<TrackDocument> Tracks);
