using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ArchiveImport.PowerShell.Loading;

/// <summary>
/// The module's own load context: ArchiveImport.Core and everything it depends on (YamlDotNet, Dapper, MySqlConnector,
/// SQLite and its native library, Polly, FluentMigrator) load from the module's deps/ folder, so another module that
/// loaded other versions of them first in the same session breaks nothing, and ours break nothing of theirs.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    /// <summary>The platforms whose native SQLite library the package carries.</summary>
    internal static readonly IReadOnlyList<string> SupportedRuntimes = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    private readonly string dependencyDirectory;

    public DependencyLoadContext(string dependencyDirectory)
        : base("ArchiveImport", isCollectible: false)
    {
        this.dependencyDirectory = dependencyDirectory;
    }

    /// <summary>Assemblies found in deps/ load here; anything else (the framework, the engine) comes from the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var runtime = CurrentRuntime();
        var nativeDirectory = Path.Combine(dependencyDirectory, "runtimes", runtime ?? "unsupported", "native");
        if (runtime is null || !Directory.Exists(nativeDirectory))
        {
            throw new DllNotFoundException(
                $"ArchiveImport carries its native library '{unmanagedDllName}' for {string.Join(", ", SupportedRuntimes)}; this machine is " +
                $"{RuntimeInformation.OSDescription} on {RuntimeInformation.OSArchitecture}. Use a MySQL/MariaDB catalog (-Database with a " +
                "connection string), or run on a supported platform.");
        }

        foreach (var candidate in FileNames(unmanagedDllName))
        {
            var path = Path.Combine(nativeDirectory, candidate);
            if (File.Exists(path))
            {
                return LoadUnmanagedDllFromPath(path);
            }
        }

        return IntPtr.Zero; // not one of ours: let the runtime look where it always looks
    }

    /// <summary>The runtime identifier of this process among the supported ones, or null.</summary>
    internal static string? CurrentRuntime()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : null;
        var architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        var runtime = $"{os}-{architecture}";
        return os is null || architecture is null || !SupportedRuntimes.Contains(runtime) ? null : runtime;
    }

    private static IEnumerable<string> FileNames(string name)
    {
        yield return name;
        var extension = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        if (!name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            yield return name + extension;
            if (!OperatingSystem.IsWindows() && !name.StartsWith("lib", StringComparison.Ordinal))
            {
                yield return "lib" + name + extension;
            }
        }
    }
}
