using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchiveImport.Core.Metadata;

/// <summary>An archive.org audio format the importer can take tracks from.</summary>
/// <param name="Name">The format as archive.org names it in the <c>format</c> field.</param>
/// <param name="Rank">Lower is preferred: lossless originals, then MP3, then Ogg Vorbis.</param>
/// <param name="Extensions">File extensions (with dot) a real file of this format has; archive.org mis-tags some non-audio files.</param>
internal sealed partial record AudioFormat(string Name, int Rank, IReadOnlyList<string> Extensions)
{
    private const int FixedBitrateMp3BaseRank = 100;
    private const int HighestBitrate = 999;
    private const int LossyBaseRank = 10;

    private static readonly string[] FlacExtensions = [".flac"];
    private static readonly string[] Mp3Extensions = [".mp3"];

    // Lossless before lossy so FLAC/Shorten originals win over their MP3/Ogg derivatives.
    // "Flac" ranks above "24bit Flac" by project convention; an item seldom holds both as track sets.
    private static readonly FrozenDictionary<string, AudioFormat> Known = new AudioFormat[]
    {
        new("Flac", 0, FlacExtensions),
        new("24bit Flac", 1, FlacExtensions),
        new("Shorten", 2, [".shn"]),
        new("WAVE", 3, [".wav"]),
        new("AIFF", 4, [".aif", ".aiff"]),
        new("VBR MP3", 10, Mp3Extensions),
        new("MP3", 11, Mp3Extensions),
        new("Ogg Vorbis", 2000, [".ogg"]),
    }.ToFrozenDictionary(format => format.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether archive.org's format name is a lossless one (FLAC, Shorten, WAVE, AIFF).</summary>
    public static bool IsLossless(string? formatName) => Find(formatName) is { Rank: < LossyBaseRank };

    public bool IsVbrMp3 => Name.Equals("VBR MP3", StringComparison.OrdinalIgnoreCase);

    public bool IsMp3 => Name.EndsWith("MP3", StringComparison.OrdinalIgnoreCase);

    public bool IsOggVorbis => Name.Equals("Ogg Vorbis", StringComparison.OrdinalIgnoreCase);

    /// <summary>The audio format named by a file's <c>format</c> field, or null for anything else (images, text, video…).</summary>
    public static AudioFormat? Find(string? formatName)
    {
        if (formatName is null)
        {
            return null;
        }

        if (Known.TryGetValue(formatName, out var known))
        {
            return known;
        }

        // The suffix check keeps the regex away from the many image, text and checksum files.
        if (!formatName.EndsWith(" MP3", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var fixedBitrate = FixedBitrateMp3().Match(formatName);
        if (!fixedBitrate.Success)
        {
            return null;
        }

        // "128Kbps MP3", "64Kbps MP3", …: after VBR MP3 and plain MP3, higher bitrates first.
        var bitrate = Math.Min(int.Parse(fixedBitrate.Groups["bitrate"].ValueSpan, CultureInfo.InvariantCulture), HighestBitrate);
        return new AudioFormat(formatName, FixedBitrateMp3BaseRank + HighestBitrate - bitrate, Mp3Extensions);
    }

    /// <summary>Whether the file name has an extension this format's files have.</summary>
    public bool FitsExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName.AsSpan());
        foreach (var candidate in Extensions)
        {
            if (extension.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(?<bitrate>[0-9]{1,4})Kbps MP3\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixedBitrateMp3();
}
