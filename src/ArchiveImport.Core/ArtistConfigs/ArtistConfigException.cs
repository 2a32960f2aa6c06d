namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// An artist configuration file that cannot be used. The message has the compiler-style form
/// <c>path(line,column): problem. What to do.</c> so editors and terminals can jump to the spot.
/// </summary>
public sealed class ArtistConfigException : Exception
{
    public ArtistConfigException(string filePath, int? line, int? column, string problem, string remedy, Exception? innerException = null)
        : base(FormatMessage(filePath, line, column, problem, remedy), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>1-based line of the problem, when it has one.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem, when it has one.</summary>
    public int? Column { get; }

    /// <summary>The problem alone, without location or advice.</summary>
    public string Problem { get; }

    private static string FormatMessage(string filePath, int? line, int? column, string problem, string remedy)
    {
        var location = line is null ? filePath : $"{filePath}({line},{column ?? 1})";
        return $"{location}: {problem.TrimEnd('.')}. {remedy}";
    }
}
