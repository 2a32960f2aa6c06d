using System.Text.RegularExpressions;

namespace ArchiveImport.Core.Storage;

/// <summary>A name as an operator types it: case-insensitive, '*' for any run of characters and '?' for one.</summary>
public sealed class NamePattern
{
    private readonly Regex regex;

    public NamePattern(string pattern)
    {
        Text = pattern;
        regex = new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + @"\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    public string Text { get; }

    public bool HasWildcards => Text.AsSpan().IndexOfAny('*', '?') >= 0;

    public bool IsMatch(string? name) => name is not null && regex.IsMatch(name);

    /// <summary>The pattern as SQL LIKE text ('%' and '_'), with the characters LIKE would read as wildcards escaped by '!'.</summary>
    public string ToLike() =>
        Text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal)
            .Replace('*', '%').Replace('?', '_');
}
