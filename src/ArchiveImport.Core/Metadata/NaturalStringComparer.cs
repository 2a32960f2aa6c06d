namespace ArchiveImport.Core.Metadata;

/// <summary>Orders strings with their digit runs compared as numbers, so "t2" sorts before "t10".</summary>
internal sealed class NaturalStringComparer : IComparer<string>
{
    public static NaturalStringComparer Instance { get; } = new();

    private NaturalStringComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var left = x.AsSpan();
        var right = y.AsSpan();
        while (!left.IsEmpty && !right.IsEmpty)
        {
            int result;
            if (char.IsAsciiDigit(left[0]) && char.IsAsciiDigit(right[0]))
            {
                result = CompareNumbers(TakeDigits(ref left), TakeDigits(ref right));
            }
            else
            {
                result = char.ToUpperInvariant(left[0]).CompareTo(char.ToUpperInvariant(right[0]));
                left = left[1..];
                right = right[1..];
            }

            if (result != 0)
            {
                return result;
            }
        }

        var byLength = left.Length.CompareTo(right.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static ReadOnlySpan<char> TakeDigits(ref ReadOnlySpan<char> text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var digits = text[..end];
        text = text[end..];
        return digits;
    }

    // Digit runs may exceed any integer type, so compare them as text once leading zeros are gone.
    private static int CompareNumbers(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftValue = left.TrimStart('0');
        var rightValue = right.TrimStart('0');
        var byLength = leftValue.Length.CompareTo(rightValue.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        var byValue = leftValue.SequenceCompareTo(rightValue);
        return byValue != 0 ? byValue : left.Length.CompareTo(right.Length);
    }
}
