using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>
/// Many callers finding a new catalog's schema out of date at the same moment: threads released together by a barrier
/// race far more closely than processes can be started, so a check-then-migrate without the lock fails here every time.
/// (ConcurrencyTests does the same with archive-import processes.)
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MigrationLockTests(MariaDbFixture mariaDb)
{
    private const int Callers = 8;

    private const int SqliteRounds = 30;

    [Fact]
    public void Callers_of_EnsureSchema_on_a_new_SQLite_file_all_succeed_and_the_schema_is_migrated_once()
    {
        // Without the lock only about one round in twenty loses the race (SQLite serialises most of FluentMigrator's
        // work), so the race is run on a new file again and again.
        for (var round = 1; round <= SqliteRounds; round++)
        {
            var home = Path.Combine(Path.GetTempPath(), "aimigrate-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                var failures = RaceOn(() => new ArchiveServices(SettingsLoader.Load(_ => null, home)), s => s.EnsureSchema());

                Assert.True(failures.Count == 0, $"Round {round}: {string.Join(" | ", failures)}");
                AssertMigratedOnce(new ArchiveServices(SettingsLoader.Load(_ => null, home)).Database);
            }
            finally
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Concurrent_migrations_of_a_new_MariaDB_database_all_succeed_and_the_schema_is_migrated_once()
    {
        var target = DatabaseTarget.Parse(await mariaDb.Server.CreateDatabaseAsync(), Path.GetTempPath());
        ArchiveServices Services() => new(new ArchiveImportSettings { HomeDirectory = Path.GetTempPath(), Database = target });

        var failures = RaceOn(Services, s => s.Schema.MigrateUp());

        Assert.Empty(failures);
        AssertMigratedOnce(Services().Database);
    }

    private static List<string> RaceOn(Func<ArchiveServices> create, Action<ArchiveServices> migrate)
    {
        var failures = new List<string>();
        using var start = new Barrier(Callers);
        var threads = Enumerable.Range(0, Callers).Select(_ => new Thread(() =>
        {
            var services = create();
            start.SignalAndWait();
            try
            {
                migrate(services);
            }
            catch (Exception ex)
            {
                lock (failures)
                {
                    failures.Add(ex.Message);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a migration never finished"));
        return failures;
    }

    private static void AssertMigratedOnce(CatalogDatabase database)
    {
        using var connection = database.Open();
        var versions = connection.Query<long>($"SELECT Version FROM {SchemaMigrator.VersionTable} ORDER BY Version").ToList();
        Assert.Equal(versions.Distinct(), versions);
        Assert.Equal(SchemaMigrator.LatestVersion, versions[^1]);
        Assert.True(new SchemaMigrator(database).GetStatus().IsCurrent);
    }
}
