using System.Text.RegularExpressions;
using ArchiveImport.Core.Schema;

namespace ArchiveImport.Core.ArchiveOrg;

/// <summary>archive.org item identifiers: letters, digits, '.', '-' and '_' only, never a path.</summary>
public static partial class ArchiveIdentifier
{
    /// <summary>The longest identifier archive.org gives out, and what the catalog's identifier columns hold.</summary>
    public const int MaxLength = ColumnLengths.Identifier;

    public static bool IsValid(string? identifier) =>
        identifier is { Length: > 0 and <= MaxLength } && identifier != "." && identifier != ".." && Pattern().IsMatch(identifier);

    public static void Validate(string? identifier)
    {
        if (!IsValid(identifier))
        {
            throw new ArgumentException(
                $"'{Printable(identifier)}' is not an archive.org identifier: identifiers use only letters, digits, '.', '-' and '_' (at most {MaxLength}).");
        }
    }

    /// <summary>Shows control characters (a NUL, say) as escapes so an error message stays readable.</summary>
    public static string Printable(string? text) =>
        text is null ? "(null)" : string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    // \z, not $: '$' also matches before a final newline, which let "ok1\n" through (a file "ok1\n.json", a row with a newline).
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*\z")]
    private static partial Regex Pattern();
}
