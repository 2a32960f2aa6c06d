namespace ArchiveImport.Core.Storage;

/// <summary>Free space on the disk that holds a path (one statvfs call), or null when the path's disk cannot be asked.</summary>
public static class DiskSpace
{
    public static long? FreeBytes(string path)
    {
        try
        {
            var existing = path;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                existing = parent;
            }

            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// How much the catalog takes, and the free space where it is kept when that can be known from this machine (a SQLite
/// file's disk, a MySQL server on this host); null when it cannot.
/// </summary>
public sealed record DatabaseSize(long Bytes, long? FreeBytes, string Location);
