using System.Runtime.Intrinsics;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// How often each character class occurs in a normalised text. An insertion or deletion changes
/// the counts by one, a substitution by two, a transposition not at all, so half the summed
/// difference is a lower bound on the edit distance — far cheaper to compute than the distance.
/// </summary>
internal readonly struct CharacterCounts
{
    private const int Letters = 26;
    private const int Digits = 10;
    private const int Other = Letters + Digits + 1; // after the space bin
    private const int Bins = 48;                    // three 16-byte vectors; the last bins stay empty

    private readonly Vector128<byte> first;
    private readonly Vector128<byte> second;
    private readonly Vector128<byte> third;

    private CharacterCounts(ReadOnlySpan<byte> counts)
    {
        first = Vector128.Create(counts[..16]);
        second = Vector128.Create(counts[16..32]);
        third = Vector128.Create(counts[32..48]);
    }

    public static CharacterCounts Of(ReadOnlySpan<char> text)
    {
        Span<byte> counts = stackalloc byte[Bins];
        counts.Clear();
        foreach (var c in text)
        {
            ref var count = ref counts[Bin(c)];
            if (count < byte.MaxValue)
            {
                count++; // Saturating keeps the bound a bound: it can only underestimate.
            }
        }

        return new CharacterCounts(counts);
    }

    public int MinimumEdits(in CharacterCounts other)
    {
        var difference = SumOfDifferences(first, other.first) + SumOfDifferences(second, other.second)
            + SumOfDifferences(third, other.third);
        return (difference + 1) / 2;
    }

    private static int SumOfDifferences(Vector128<byte> a, Vector128<byte> b)
    {
        var difference = Vector128.Max(a, b) - Vector128.Min(a, b);
        var (lower, upper) = Vector128.Widen(difference);
        return Vector128.Sum(lower + upper);
    }

    private static int Bin(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => Letters + (c - '0'),
        ' ' => Letters + Digits,
        _ => Other,
    };
}
