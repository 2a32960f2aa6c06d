namespace ArchiveImport.PowerShell;

/// <summary>Stable Write-Progress activity ids, one per long-running cmdlet.</summary>
internal static class ActivityIds
{
    public const int Download = 7301;
    public const int Populate = 7302;
    public const int Worker = 7303;

    /// <summary>One bar per run followed by Watch-ArchiveImport, clear of the constants above.</summary>
    public static int WatchedRun(long runId) => 100_000 + (int)(runId % 1_000_000);
}
