namespace ArchiveImport.Core.Schema;

/// <summary>
/// Fitting free text into a column of <see cref="ColumnLengths"/>. Free text (titles, venue, reasons, messages) is
/// clipped with an ellipsis, so a reader sees it was cut; a key derived from text (a normalised title) is cut without
/// one, the same way wherever it is written and compared. Neither ever splits a surrogate pair, which MySQL would
/// refuse as an invalid string.
/// </summary>
public static class ColumnText
{
    private const char Ellipsis = '\u2026';

    /// <summary>True when <paramref name="text"/> fits a column of <paramref name="length"/>.</summary>
    public static bool Fits(string? text, int length) => text is null || text.Length <= length;

    /// <summary>The text, or its first characters and "…" in exactly <paramref name="length"/> when it is longer.</summary>
    public static string? Clip(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        return string.Concat(text.AsSpan(0, Boundary(text, length - 1)), Ellipsis.ToString());
    }

    /// <summary>The text, or its first <paramref name="length"/> characters (fewer by one rather than half a surrogate pair).</summary>
    public static string? Cut(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..Boundary(text, length)];

    private static int Boundary(string text, int length) =>
        length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
}
