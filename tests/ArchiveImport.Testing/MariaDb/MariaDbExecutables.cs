namespace ArchiveImport.Testing;

/// <summary>Where the MariaDB server and its data-directory initialiser are installed.</summary>
internal sealed record MariaDbExecutables(string Server, string InstallDb)
{
    private const string InstallHint = "install it with 'apt-get install -y mariadb-server' (the .ci/run script does this)";

    // Debian puts mariadbd in /usr/sbin, which is often missing from a non-root PATH.
    private static string[] WellKnownDirectories => ["/usr/sbin", "/usr/bin", "/usr/libexec"];

    public static MariaDbExecutables Locate() => new(
        Find("mariadbd") ?? throw new InvalidOperationException($"mariadbd not found: {InstallHint}"),
        Find("mariadb-install-db") ?? throw new InvalidOperationException($"mariadb-install-db not found: {InstallHint}"));

    private static string? Find(string name) =>
        SearchDirectories().Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    private static IEnumerable<string> SearchDirectories() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(WellKnownDirectories)
            .Distinct(StringComparer.Ordinal);
}
