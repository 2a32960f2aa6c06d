using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>The song list proposed for an artist from the titles in its downloaded metadata, and how much it saw.</summary>
public sealed record ArtistConfigProposal(IReadOnlyList<SongCandidate> Songs, int Shows, int Tracks);

/// <summary>
/// Bootstraps a song list for an artist that has none: every track title in its downloaded metadata, normalised,
/// grouped by sound (Double Metaphone), ranked by how often it was played, for a person to curate.
/// </summary>
public static class ArtistConfigFromMetadata
{
    public static ArtistConfigProposal Propose(MetadataStore store, string artist, int minOccurrences)
    {
        var directory = store.ArtistDirectory(artist);
        var titles = new List<string>();
        var shows = 0;
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var parsed = ArchiveItemParser.Parse(Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file));
                if (parsed.Show is { } show)
                {
                    shows++;
                    titles.AddRange(show.Tracks.Select(t => t.Title).OfType<string>());
                }
            }
        }

        var nonSongs = new NonSongFilter([], _ => false);
        var songs = ArtistConfigBootstrapper.Propose(
            titles,
            TitleNormalizer.Normalize,
            title => (TitleNormalizer.SplitSegments(title, out var segue), segue),
            text => DoubleMetaphone.EncodePhrase(text).Primary,
            text => nonSongs.IsNonSong(TitleNormalizer.Normalize(text)),
            minOccurrences);
        return new ArtistConfigProposal(songs, shows, titles.Count);
    }
}
