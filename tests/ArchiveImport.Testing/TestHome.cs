using System.Globalization;

namespace ArchiveImport.Testing;

/// <summary>
/// A throw-away ArchiveImport home (var/ and config/) with the shipped artist configs and a settings file that
/// points at a fake archive.org and the given database. Deleted on dispose.
/// </summary>
public sealed class TestHome : IDisposable
{
    private TestHome(string path) => Path = path;

    public string Path { get; }

    public string ArtistConfigDirectory => System.IO.Path.Combine(Path, "config", "artists");

    public string MetadataDirectory => System.IO.Path.Combine(Path, "var", "archivedotorg", "metadata");

    public string SqlitePath => System.IO.Path.Combine(Path, "var", "archivedotorg", "archive.db");

    public string SettingsFile => System.IO.Path.Combine(Path, "config", "archiveimport.yaml");

    /// <summary>Every .json file under the home except the operator log's (var/log): what a run wrote as data.</summary>
    public string[] DataJsonFiles() => Directory.GetFiles(Path, "*.json", SearchOption.AllDirectories)
        .Where(file => !file.StartsWith(System.IO.Path.Combine(Path, "var", "log") + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .ToArray();

    /// <param name="archiveUrl">The fake archive.org to talk to.</param>
    /// <param name="database">A MySQL connection string, or null for the default SQLite file.</param>
    public static TestHome Create(Uri archiveUrl, string? database = null, double httpTimeoutSeconds = 5, int maxRetries = 4)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aihome-" + Guid.NewGuid().ToString("N")[..12]);
        var home = new TestHome(path);
        Directory.CreateDirectory(home.ArtistConfigDirectory);
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "config", "artists"), "*.yaml"))
        {
            File.Copy(file, System.IO.Path.Combine(home.ArtistConfigDirectory, System.IO.Path.GetFileName(file)));
        }

        var lines = new List<string>
        {
            $"archiveUrl: {archiveUrl.ToString().TrimEnd('/')}",
            $"httpTimeoutSeconds: {httpTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}",
            $"maxRetries: {maxRetries}",
            "retryBaseDelaySeconds: 0.02",
        };
        if (database is not null)
        {
            lines.Add($"database: '{database.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        File.WriteAllLines(home.SettingsFile, lines);
        return home;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
