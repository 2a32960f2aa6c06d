namespace ArchiveImport.Core.Matching;

/// <summary>
/// Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
/// characters (the optimal-string-alignment form), bounded: work is limited to a band around
/// the diagonal and stops as soon as the bound cannot be met.
/// </summary>
internal static class DamerauLevenshtein
{
    private const int StackLimit = 384;

    /// <summary>The distance if it is at most <paramref name="maxDistance"/>, otherwise <see cref="int.MaxValue"/>.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxDistance)
    {
        if (Math.Abs(a.Length - b.Length) > maxDistance)
        {
            return int.MaxValue;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        var rows = width * 3 <= StackLimit ? stackalloc int[width * 3] : new int[width * 3];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(width * 2, width);
        var outOfBound = maxDistance + 1;

        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, outOfBound);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current.Fill(outOfBound);
            current[0] = Math.Min(i, outOfBound);
            var rowMinimum = current[0];
            var first = Math.Max(1, i - maxDistance);
            var last = Math.Min(b.Length, i + maxDistance);
            for (var j = first; j <= last; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                var value = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = Math.Min(value, outOfBound);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > maxDistance)
            {
                return int.MaxValue;
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        var distance = previous[b.Length];
        return distance <= maxDistance ? distance : int.MaxValue;
    }
}
