using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Storage;

/// <summary>What the preference between a concert's recordings looks at.</summary>
public sealed record RecordingCandidate(
    long ShowId, string Identifier, string? SourceType, double? Rating, long? Downloads, string AudioFormat, bool PreferredByOperator);

/// <summary>
/// Picks a concert's preferred recording: the one an operator chose; else the best source type (soundboard, matrix,
/// FM, audience, unknown: <see cref="Metadata.SourceType"/>), then the higher rating, then more downloads, then a
/// lossless format; the identifier breaks a tie, so the choice never depends on the order rows come back in.
/// </summary>
public static class RecordingPreference
{
    public static RecordingCandidate? Choose(IEnumerable<RecordingCandidate> recordings) =>
        recordings
            .OrderByDescending(r => r.PreferredByOperator)
            .ThenBy(r => Metadata.SourceType.Rank(r.SourceType))
            .ThenByDescending(r => r.Rating ?? -1)
            .ThenByDescending(r => r.Downloads ?? -1)
            .ThenByDescending(r => AudioFormat.IsLossless(r.AudioFormat))
            .ThenBy(r => r.Identifier, StringComparer.Ordinal)
            .FirstOrDefault();
}
