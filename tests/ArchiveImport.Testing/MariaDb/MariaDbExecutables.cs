namespace ArchiveImport.Testing;

/// <summary>Where the MariaDB server and its data-directory initialiser are installed.</summary>
internal sealed record MariaDbExecutables(string Server, string InstallDb)
{
    private const string InstallHint = "install it with 'apt-get install -y mariadb-server' (the .ci/run script does this)";

    // Debian puts mariadbd in /usr/sbin, which is often missing from a non-root PATH.
    private static string[] WellKnownDirectories => ["/usr/sbin", "/usr/bin", "/usr/libexec"];

    public static MariaDbExecutables Locate() => Locate(SearchDirectories().ToArray());

    /// <summary>Looks only in <paramref name="directories"/>; a missing server is an error, never a reason to skip.</summary>
    internal static MariaDbExecutables Locate(IReadOnlyList<string> directories) => new(
        Find("mariadbd", directories) ?? throw new InvalidOperationException($"mariadbd not found: {InstallHint}"),
        Find("mariadb-install-db", directories) ?? throw new InvalidOperationException($"mariadb-install-db not found: {InstallHint}"));

    private static string? Find(string name, IEnumerable<string> directories) =>
        directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    private static IEnumerable<string> SearchDirectories() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(WellKnownDirectories)
            .Distinct(StringComparer.Ordinal);
}
