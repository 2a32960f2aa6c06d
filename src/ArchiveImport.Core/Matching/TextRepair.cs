using System.Buffers;
using System.Net;
using System.Text;

namespace ArchiveImport.Core.Matching;

/// <summary>
/// Undoes the two encoding accidents common in archive.org titles: HTML entities left in place
/// (<c>-&amp;gt;</c>) and UTF-8 bytes that were read as Latin-1 or Windows-1252 (<c>DonÂ´t</c>).
/// Returns the input instance unchanged when there is nothing to repair, so the usual case allocates nothing.
/// </summary>
internal static class TextRepair
{
    public static string Repair(string text)
    {
        var decoded = DecodeHtmlEntities(text);
        return ContainsMojibake(decoded) ? RepairMojibake(decoded) : decoded;
    }

    private static string DecodeHtmlEntities(string text)
    {
        // Two rounds cover entities that were escaped twice ("&amp;gt;").
        for (var round = 0; round < 2 && LooksLikeEntity(text); round++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text)
            {
                break;
            }

            text = decoded;
        }

        return text;
    }

    private static bool LooksLikeEntity(string text)
    {
        var ampersand = text.IndexOf('&', StringComparison.Ordinal);
        return ampersand >= 0 && text.IndexOf(';', ampersand) > ampersand + 1;
    }

    private static bool ContainsMojibake(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (TryDecodeSequence(text.AsSpan(i), out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static string RepairMojibake(string text)
    {
        var output = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length;)
            {
                if (TryDecodeSequence(text.AsSpan(i), out var rune, out var consumed))
                {
                    length += rune.EncodeToUtf16(output.AsSpan(length));
                    i += consumed;
                }
                else
                {
                    output[length++] = text[i++];
                }
            }

            return new string(output, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Reads a UTF-8 lead byte and its continuation bytes back from the characters they were
    /// mis-decoded as; succeeds only for a complete, valid multi-byte sequence.
    /// </summary>
    private static bool TryDecodeSequence(ReadOnlySpan<char> text, out Rune rune, out int consumed)
    {
        rune = default;
        consumed = 0;
        var sequenceLength = text[0] switch
        {
            >= '\u00C2' and <= '\u00DF' => 2,
            >= '\u00E0' and <= '\u00EF' => 3,
            >= '\u00F0' and <= '\u00F4' => 4,
            _ => 0,
        };
        if (sequenceLength == 0 || text.Length < sequenceLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = (byte)text[0];
        for (var i = 1; i < sequenceLength; i++)
        {
            if (!TryGetSingleByte(text[i], out var b) || b < 0x80 || b > 0xBF)
            {
                return false;
            }

            bytes[i] = b;
        }

        if (Rune.DecodeFromUtf8(bytes[..sequenceLength], out rune, out _) != OperationStatus.Done)
        {
            return false;
        }

        consumed = sequenceLength;
        return true;
    }

    /// <summary>The byte a character stands for in Latin-1, or in Windows-1252's 0x80–0x9F block.</summary>
    private static bool TryGetSingleByte(char c, out byte value)
    {
        if (c <= '\u00FF')
        {
            value = (byte)c;
            return true;
        }

        value = c switch
        {
            '\u20AC' => 0x80, '\u201A' => 0x82, '\u0192' => 0x83, '\u201E' => 0x84,
            '\u2026' => 0x85, '\u2020' => 0x86, '\u2021' => 0x87, '\u02C6' => 0x88,
            '\u2030' => 0x89, '\u0160' => 0x8A, '\u2039' => 0x8B, '\u0152' => 0x8C,
            '\u017D' => 0x8E, '\u2018' => 0x91, '\u2019' => 0x92, '\u201C' => 0x93,
            '\u201D' => 0x94, '\u2022' => 0x95, '\u2013' => 0x96, '\u2014' => 0x97,
            '\u02DC' => 0x98, '\u2122' => 0x99, '\u0161' => 0x9A, '\u203A' => 0x9B,
            '\u0153' => 0x9C, '\u017E' => 0x9E, '\u0178' => 0x9F,
            _ => 0,
        };
        return value != 0;
    }
}
