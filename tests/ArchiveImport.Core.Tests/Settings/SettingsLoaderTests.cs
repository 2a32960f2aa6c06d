using ArchiveImport.Core.Settings;

namespace ArchiveImport.Core.Tests.Settings;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("aisettings-").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public void Zero_configuration_gives_the_embedded_defaults_under_the_current_directory()
    {
        var settings = SettingsLoader.Load(_ => null, home);

        Assert.Equal(home, settings.HomeDirectory);
        Assert.Equal(DatabaseEngine.Sqlite, settings.Database.Engine);
        Assert.Equal(Path.Combine(home, "var", "archivedotorg", "archive.db"), settings.Database.SqlitePath);
        Assert.Equal(Path.Combine(home, "var", "archivedotorg", "metadata"), settings.MetadataDirectory);
        Assert.Equal(Path.Combine(home, "config", "artists"), settings.ArtistConfigDirectory);
        Assert.Equal(new Uri("https://archive.org"), settings.ArchiveUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.HttpTimeout);
        Assert.Equal(4, settings.ThrottleLimit);
        Assert.Equal(97, settings.Health.MinMatchRate);
    }

    [Fact]
    public void The_log_lives_under_var_log_and_its_retention_size_cap_and_error_thresholds_come_from_the_file()
    {
        Assert.Equal((30, 100L, 24.0, 1), Log(SettingsLoader.Load(_ => null, home)));
        Assert.Equal(Path.Combine(home, "var", "log"), SettingsLoader.Load(_ => null, home).LogDirectory);
        Directory.CreateDirectory(Path.Combine(home, "config"));
        File.WriteAllText(Path.Combine(home, "config", "archiveimport.yaml"),
            "log:\n  retainDays: 7\n  maxFileMegabytes: 5\nhealth:\n  logErrorHours: 6\n  maxLogErrors: 10\n");

        Assert.Equal((7, 5L, 6.0, 10), Log(SettingsLoader.Load(_ => null, home)));

        static (int, long, double, int) Log(ArchiveImportSettings s) => (s.Log.RetainDays, s.Log.MaxFileMegabytes, s.Health.LogErrorHours, s.Health.MaxLogErrors);
    }

    [Fact]
    public void Parameters_beat_environment_which_beats_the_settings_file()
    {
        Directory.CreateDirectory(Path.Combine(home, "config"));
        File.WriteAllText(Path.Combine(home, "config", "archiveimport.yaml"),
            "database: from-file.db\narchiveUrl: http://file.example\nthrottleLimit: 7\nhealth:\n  minMatchRate: 90\n");
        var environment = new Dictionary<string, string?>
        {
            [SettingsLoader.HomeVariable] = home,
            [SettingsLoader.ArchiveUrlVariable] = "http://env.example",
        };

        var fromFileAndEnvironment = SettingsLoader.Load(k => environment.GetValueOrDefault(k), "/");
        Assert.Equal(Path.Combine(home, "from-file.db"), fromFileAndEnvironment.Database.SqlitePath);
        Assert.Equal(new Uri("http://env.example"), fromFileAndEnvironment.ArchiveUrl);
        Assert.Equal(7, fromFileAndEnvironment.ThrottleLimit);
        Assert.Equal(90, fromFileAndEnvironment.Health.MinMatchRate);

        var overridden = SettingsLoader.Load(k => environment.GetValueOrDefault(k), "/",
            new SettingsOverrides { Database = "param.db", ArchiveUrl = "http://param.example" });
        Assert.Equal(Path.Combine(home, "param.db"), overridden.Database.SqlitePath);
        Assert.Equal(new Uri("http://param.example"), overridden.ArchiveUrl);
    }

    [Fact]
    public void A_malformed_settings_file_names_the_file_and_line()
    {
        Directory.CreateDirectory(Path.Combine(home, "config"));
        var path = Path.Combine(home, "config", "archiveimport.yaml");
        File.WriteAllText(path, "database: x.db\nthrottleLimit: [1,\n");

        var error = Assert.Throws<SettingsFileException>(() => SettingsLoader.Load(_ => null, home));

        Assert.StartsWith(path + "(", error.Message);
    }

    [Theory]
    [InlineData("database: x.db\ndatabse: y.db\n", 2, "'databse' is not a setting. Known keys: database, archiveUrl, httpTimeoutSeconds")]
    [InlineData("health:\n  minMatchRate: 90\n  maxUnmatch: 5\n", 3, "'maxUnmatch' is not a health setting. Known health keys: minMatchRate, maxUnmatched")]
    [InlineData("maxRetries: many\n", 1, "the value cannot be read")]
    [InlineData("log:\n  retainDays: 7\n  keepDays: 5\n", 3, "'keepDays' is not a log setting. Known log keys: retainDays, maxFileMegabytes")]
    public void A_settings_typo_names_the_file_the_line_and_the_known_keys_not_an_internal_type(string yaml, int line, string expected)
    {
        Directory.CreateDirectory(Path.Combine(home, "config"));
        var path = Path.Combine(home, "config", "archiveimport.yaml");
        File.WriteAllText(path, yaml);

        var error = Assert.Throws<SettingsFileException>(() => SettingsLoader.Load(_ => null, home));

        Assert.StartsWith($"{path}({line},", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
        Assert.DoesNotContain("SettingsLoader", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SettingsFile", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_archive_url_says_what_to_set()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SettingsLoader.Load(k => k == SettingsLoader.ArchiveUrlVariable ? "ftp://nope" : null, home));
        Assert.Contains(SettingsLoader.ArchiveUrlVariable, error.Message);
    }

    [Fact]
    public void A_MySQL_target_never_shows_its_password()
    {
        var target = DatabaseTarget.Parse("Server=db1;Port=3307;Database=archive;User ID=importer;Password=S3cr3t;Pwd=S3cr3t", home);

        Assert.Equal(DatabaseEngine.MySql, target.Engine);
        Assert.Equal("MySQL db1:3307/archive as importer", target.Display);
        Assert.DoesNotContain("S3cr3t", target.ToString());
        Assert.StartsWith("login failed for *** (Password=***", target.Redact("login failed for S3cr3t (Password=S3cr3t)"));
        Assert.DoesNotContain("S3cr3t", target.Redact("login failed for S3cr3t (Password=S3cr3t)"));
        Assert.Contains("S3cr3t", target.ConnectionString);
    }

    [Fact]
    public void A_broken_MySQL_connection_string_is_explained_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => DatabaseTarget.Parse("Server=db1;Password=S3cr3t;Bogus Key=1", home));
        Assert.DoesNotContain("S3cr3t", error.Message);
        Assert.Contains("Server=HOST", error.Message);

        var noDatabase = Assert.Throws<ArgumentException>(() => DatabaseTarget.Parse("Server=db1;Password=S3cr3t", home));
        Assert.Contains("Database=NAME", noDatabase.Message);
    }
}
