namespace ArchiveImport.Core.Metadata;

/// <summary>Tells a full disk apart from other I/O errors: it fails every later write too, so a run stops at once.</summary>
public static class DiskFull
{
    private const int Enospc = 28; // Linux and macOS errno: no space left on device
    private const int ErrorDiskFull = 0x70; // Windows: ERROR_DISK_FULL
    private const int ErrorHandleDiskFull = 0x27; // Windows: ERROR_HANDLE_DISK_FULL

    /// <summary>True when <paramref name="exception"/> says the disk (or its quota) is full.</summary>
    public static bool Is(Exception exception) => exception is IOException io && (OperatingSystem.IsWindows()
        ? (io.HResult & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull
        : io.HResult == Enospc);
}
