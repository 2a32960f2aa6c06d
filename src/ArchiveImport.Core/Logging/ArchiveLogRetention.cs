namespace ArchiveImport.Core.Logging;

/// <summary>
/// Removes log files on demand, for an operator or a deployment that will not wait for the sink's own retention (which
/// deletes old files only when a process opens a new day's file). Only files named as the log names them are touched.
/// </summary>
public sealed class ArchiveLogRetention(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The log files of days before <paramref name="day"/> (the writer's local day), oldest first.</summary>
    public IReadOnlyList<FileInfo> FilesBefore(DateTime day)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return new DirectoryInfo(Directory).EnumerateFiles(ArchiveLog.FilePrefix + "*" + ArchiveLog.FileExtension)
            .Where(file => ArchiveLog.DayOf(file.FullName) is { } fileDay && fileDay < day.Date)
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
    }
}
