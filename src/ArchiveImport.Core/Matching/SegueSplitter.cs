namespace ArchiveImport.Core.Matching;

/// <summary>
/// Splits a title on segue markers (<c>&gt;</c>, <c>-&gt;</c>, <c>--&gt;</c>, <c>&gt;&gt;</c>, <c>→</c>, <c>~</c>, and
/// <c>-&amp;gt;</c> left HTML-encoded) outside brackets; hyphens inside words are not markers.
/// </summary>
internal static class SegueSplitter
{
    public static List<string> Split(string raw, out bool seguesIntoNext)
    {
        var segments = new List<string>(1);
        var depth = 0;
        var start = 0;
        var sawMarker = false;
        for (var i = 0; i < raw.Length;)
        {
            var c = raw[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                var markerLength = MarkerLength(raw.AsSpan(i));
                if (markerLength > 0)
                {
                    AddSegment(segments, raw, start, i);
                    sawMarker = true;
                    i += markerLength;
                    start = i;
                    continue;
                }
            }

            i++;
        }

        // Text after the last marker that holds no words ("->*", "> $ *") means the title ends in a segue.
        var tailHasWords = HasWordCharacter(raw.AsSpan(start));
        AddSegment(segments, raw, start, raw.Length);
        seguesIntoNext = sawMarker && !tailHasWords;
        return segments;
    }

    private static void AddSegment(List<string> segments, string raw, int start, int end)
    {
        var span = raw.AsSpan(start, end - start);
        if (HasWordCharacter(span))
        {
            var trimmed = span.Trim();
            segments.Add(trimmed.Length == raw.Length ? raw : trimmed.ToString());
        }
    }

    private static bool HasWordCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int MarkerLength(ReadOnlySpan<char> text)
    {
        var dashes = 0;
        while (dashes < text.Length && text[dashes] == '-')
        {
            dashes++;
        }

        var arrow = ArrowLength(text[dashes..]);
        if (arrow > 0)
        {
            return dashes + arrow;
        }

        if (dashes > 0)
        {
            return 0;
        }

        if (text[0] is '\u2192' or '\u27F6' or '\u2794' or '~')
        {
            return 1;
        }

        return text.StartsWith("=>") ? 2 : 0;
    }

    // One or more '>' (plain or HTML-encoded).
    private static int ArrowLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (true)
        {
            var rest = text[length..];
            if (rest.StartsWith(">"))
            {
                length += 1;
            }
            else if (rest.StartsWith("&gt;", StringComparison.OrdinalIgnoreCase))
            {
                length += 4;
            }
            else if (rest.StartsWith("&#62;"))
            {
                length += 5;
            }
            else
            {
                return length;
            }
        }
    }
}
