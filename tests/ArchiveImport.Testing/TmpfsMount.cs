using System.Diagnostics;
using System.Globalization;

namespace ArchiveImport.Testing;

/// <summary>
/// A small tmpfs mounted over a folder, so a test can fill a real disk: writes past its size fail with ENOSPC as on a
/// full disk. Needs root (CI runs as root in its container); anywhere else <see cref="Mount"/> fails saying so, never a skip.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> over <paramref name="path"/> (created when missing; must be empty).</summary>
    public static TmpfsMount Mount(string path, long bytes)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", Size(bytes), "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Makes the disk larger (what freeing space does), keeping what is on it.</summary>
    public void Resize(long bytes) => Run("mount", "-o", "remount," + Size(bytes), Path);

    public void Dispose() => Run("umount", "--lazy", Path);

    private static string Size(long bytes) => "size=" + bytes.ToString(CultureInfo.InvariantCulture);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {error.Trim()}. The disk-full tests mount a " +
                "small tmpfs and so need root, as CI has (sudo dotnet test, or a container run as root).");
        }
    }
}
