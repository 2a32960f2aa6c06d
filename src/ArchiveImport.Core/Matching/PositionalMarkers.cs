using System.Text.RegularExpressions;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Recognises the furniture tapers put around a title that says where the track sits rather than
/// what it is: file stems, disc/track numbers, set and encore markers, tape positions, timings.
/// </summary>
internal static partial class PositionalMarkers
{
    private const int MaxLeadingMarkers = 6;

    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text)
    {
        text = TrimLeadingJunk(text);
        for (var i = 0; i < MaxLeadingMarkers; i++)
        {
            var length = MatchLength(LeadingMarker(), text);
            if (length == 0)
            {
                break;
            }

            text = TrimLeadingJunk(text[length..]);
        }

        var timing = MatchIndex(TrailingTiming(), text);
        return timing >= 0 ? text[..timing].TrimEnd() : text;
    }

    private static int MatchLength(Regex regex, ReadOnlySpan<char> text)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            return match.Length;
        }

        return 0;
    }

    private static int MatchIndex(Regex regex, ReadOnlySpan<char> text)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            return match.Index;
        }

        return -1;
    }

    // Reel-flip slashes, leftover dashes and footnote marks in front of a title; brackets and quotes stay.
    private static ReadOnlySpan<char> TrimLeadingJunk(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && IsLeadingJunk(text[start]))
        {
            start++;
        }

        return text[start..].TrimEnd();
    }

    private static bool IsLeadingJunk(char c) =>
        char.IsWhiteSpace(c) || c is '/' or '\\' or '|' or '-' or '\u2013' or '\u2014' or '*' or '#' or '^'
            or '$' or '@' or '~' or ':' or ';' or ',' or '.' or '!' or '?' or '>' or '+' or '=' or '_' or '%';

    [GeneratedRegex("""
        ^(?:(?:dis[ck]|cd|d)\s*\d{1,2}\s*[,._-]?\s*(?:track|trk|t)\s*\d{1,3}(?=\p{L}) # glued to the title: d1t03Sugaree
        | (?:set\s*(?:[ivx]{1,4}|\d{1,2})|encore\s*\d?|enc|e\d?)\s*(?:[:)]|[-.\u2013\u2014](?=[\s\p{P}\p{S}]|$)) # Set II:, E:Sugaree, Set 1 - (not E-Bow)
        | (?:
            [a-z]{2,10}\d{2,4}(?:[-._]\d{1,2}){2}[a-z0-9._-]*                        # file stem: gd1970-02-14s2t05
          | (?:dis[ck]|cd|d)\s*\d{1,2}\s*[,._-]?\s*(?:track|trk|t)\s*\d{1,3}          # disc/track: d1t03, Disc01,Track01
          | (?:dis[ck]|cd)\s*\d{1,2}                                                   # disc: Disc2-, CD 1
          | s(?:et)?\s*\d{1,2}\s*[,._-]?\s*(?:track|trk|t)\s*\d{1,3}                  # set/track: s2t07, s1 t02
          | \d{1,2}:\d{2}(?:[:.]\d{1,2})*\s*[\]|)>]?                                   # tape position: 01:16]  10:16.41|
          | (?:track|trk|t)\s*\d{1,3}                                                  # t05
          | [sd]\d{1,2}                                                                # s1, d2
          | \d{1,3}(?:\s*[-.):\u2013\u2014]+)?                                         # track number: 01 -, 1., 101
        )(?=[\s\p{P}\p{S}]|$))
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LeadingMarker();

    [GeneratedRegex(@"(?<=^|\s)\d{1,3}:\d{2}(?::\d{2})?(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingTiming();
}
