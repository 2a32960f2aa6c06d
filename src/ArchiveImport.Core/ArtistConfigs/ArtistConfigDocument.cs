using YamlDotNet.Core;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>A text value from the YAML file and where it starts, so validation can point at it.</summary>
internal sealed record LocatedText(string Value, Mark Start);

/// <summary>One entry of <c>tracks:</c> as written, before validation.</summary>
internal sealed record TrackDocument(Mark Start, LocatedText? Key, LocatedText? Name, IReadOnlyList<LocatedText> Aliases);

/// <summary>One entry of <c>studio_albums:</c> as written, before validation; a year that is not a whole number is kept as text.</summary>
internal sealed record StudioAlbumDocument(Mark Start, LocatedText? Album, LocatedText? Year, LocatedText? Cover, IReadOnlyList<LocatedText> Songs);

/// <summary>An artist file as written, before validation. Missing fields are null.</summary>
internal sealed record ArtistDocument(
    Mark Start,
    LocatedText? Name,
    LocatedText? Collection,
    IReadOnlyList<LocatedText> Ignore,
    IReadOnlyList<TrackDocument> Tracks,
    IReadOnlyList<StudioAlbumDocument> StudioAlbums);
