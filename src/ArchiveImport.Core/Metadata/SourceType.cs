namespace ArchiveImport.Core.Metadata;

/// <summary>
/// How a recording was made, as the words archive.org's etree items use. The order of <see cref="Rank"/> is the
/// preference between recordings of one concert: a soundboard, then a matrix (board plus audience), then an FM
/// broadcast (a board feed, but through a broadcast chain's compression and often lossy generations), then an audience
/// tape, then a recording that does not say.
/// </summary>
public static class SourceType
{
    public const string Soundboard = "SBD";
    public const string Matrix = "Matrix";
    public const string FM = "FM";
    public const string Audience = "AUD";
    public const string Unknown = "Unknown";

    /// <summary>The source types an operator can filter on, best first.</summary>
    public static IReadOnlyList<string> All { get; } = [Soundboard, Matrix, FM, Audience, Unknown];

    /// <summary>0 for the best source type; higher is worse.</summary>
    public static int Rank(string? sourceType)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], sourceType, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return All.Count - 1;
    }

    /// <summary>
    /// Reads the source type from the item's <c>source</c> field first, then its identifier, then its lineage: the
    /// uploader's word for the source is the most deliberate, the identifier's ".sbd."/".aud." next, and a lineage only
    /// names the first link of its chain ("SBD &gt; DAT &gt; CD"). Within one text a matrix wins over the board and the
    /// audience words it also mentions ("SBD + AUD matrix"), and a broadcast over the board it was mixed from.
    /// </summary>
    public static string Classify(string identifier, string? source, string? lineage)
    {
        foreach (var text in new[] { source, identifier, FirstLink(lineage) })
        {
            if (text is not null && FromWords(text) is { } type)
            {
                return type;
            }
        }

        return Unknown;
    }

    private static string? FirstLink(string? lineage) =>
        lineage?.Split(['>', '-', '→'], 2, StringSplitOptions.TrimEntries)[0];

    private static string? FromWords(string text)
    {
        var words = text.ToLowerInvariant()
            .Split([' ', '.', '_', '-', ',', ';', '/', '(', ')', '+', '&', ':', '[', ']'], StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (words.Overlaps(MatrixWords))
        {
            return Matrix;
        }

        if (words.Overlaps(FmWords))
        {
            return FM;
        }

        if (words.Overlaps(BoardWords))
        {
            return Soundboard;
        }

        return words.Overlaps(AudienceWords) ? Audience : null;
    }

    private static readonly string[] MatrixWords = ["matrix", "mtx", "mx"];
    private static readonly string[] FmWords = ["fm", "prefm", "broadcast", "radio", "webcast"];
    private static readonly string[] BoardWords = ["sbd", "soundboard", "board", "dsbd"];
    private static readonly string[] AudienceWords = ["aud", "audience", "schoeps", "neumann", "akg", "nak", "nakamichi", "sennheiser", "microphone", "mics"];
}
