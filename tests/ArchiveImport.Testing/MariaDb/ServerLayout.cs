using System.Security.Cryptography;

namespace ArchiveImport.Testing;

/// <summary>The private directory of one server: data, socket, pid file and error log.</summary>
internal sealed record ServerLayout(string Root)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string DataDirectory => Path.Combine(Root, "data");

    public string SocketPath => Path.Combine(Root, "mysqld.sock");

    public string PidFile => Path.Combine(Root, "mysqld.pid");

    public string ErrorLog => Path.Combine(Root, "error.log");

    // A RAM disk makes initialising the data directory about twice as fast and turns the
    // server's fsyncs into no-ops; the data is thrown away anyway. Docker's default /dev/shm is
    // only 64 MB, hence the free-space check.
    private const string RamDisk = "/dev/shm";
    private const long RamDiskMinimumFree = 1L << 30;

    /// <summary>Creates a fresh directory such as <c>/dev/shm/aimdb-k3x9q2lm</c> or <c>/tmp/aimdb-k3x9q2lm</c>.</summary>
    /// <remarks>
    /// Never under $TMPDIR: the socket path must stay under the 107-character unix socket
    /// limit, and CI temp directories can be deep.
    /// </remarks>
    public static ServerLayout Create()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("MariaDbServer needs unix sockets and /tmp; run the tests on Linux");
        }

        var parent = HasRoomOnRamDisk() ? RamDisk : "/tmp";
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var root = Path.Combine(parent, "aimdb-" + RandomNumberGenerator.GetString(Alphabet, 8));
            if (!Directory.Exists(root))
            {
                Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return new ServerLayout(root);
            }
        }

        throw new IOException($"could not create a unique {parent}/aimdb-* directory");
    }

    public string ReadErrorLogTail(int lines = 40)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(ErrorLog).TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no error log at {ErrorLog}: {e.Message})";
        }
    }

    private static bool HasRoomOnRamDisk()
    {
        try
        {
            return Directory.Exists(RamDisk) && new DriveInfo(RamDisk).AvailableFreeSpace >= RamDiskMinimumFree;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
