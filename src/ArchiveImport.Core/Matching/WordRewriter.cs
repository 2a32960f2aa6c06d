namespace ArchiveImport.Core.Matching;

/// <summary>
/// Word-level spelling variants applied after folding: a leading "the" is dropped, "st" before
/// another word is "saint" (a trailing "St" is more likely "Street"), and a lone "n" is "and".
/// </summary>
internal static class WordRewriter
{
    public static int Rewrite(ReadOnlySpan<char> words, Span<char> output)
    {
        var length = 0;
        var isFirst = true;
        var rest = words;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? [] : rest[(space + 1)..];
            var isLast = rest.IsEmpty;

            var replacement = Replace(word, isFirst, isLast);
            isFirst = false;
            if (replacement.IsEmpty)
            {
                continue;
            }

            if (length > 0)
            {
                output[length++] = ' ';
            }

            replacement.CopyTo(output[length..]);
            length += replacement.Length;
        }

        return length;
    }

    private static ReadOnlySpan<char> Replace(ReadOnlySpan<char> word, bool isFirst, bool isLast)
    {
        if (isFirst && !isLast && word.SequenceEqual("the"))
        {
            return [];
        }

        if (!isLast && word.SequenceEqual("st"))
        {
            return "saint";
        }

        return word.SequenceEqual("n") ? "and" : word;
    }
}
