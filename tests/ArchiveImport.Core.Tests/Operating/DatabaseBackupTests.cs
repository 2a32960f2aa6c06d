using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Operating;

/// <summary>Backup-ArchiveDatabase and Restore-ArchiveDatabase on a real SQLite file and a real MariaDB server.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class DatabaseBackupTests
{
    private const string Artist = "Grateful Dead";
    private readonly MariaDbFixture mariaDb;

    public DatabaseBackupTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_backup_restored_into_a_fresh_catalog_holds_every_table_row_for_row(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var source = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var sourceServices = await ImportedAsync(source);
        var expected = TableFingerprints.Read(sourceServices.Database);

        var path = Path.Combine(source.Path, "backups", "catalog" + sourceServices.Database.BackupExtension);
        var backup = new DatabaseBackups(sourceServices).Backup(path, overwrite: false);

        Assert.Equal(path, backup.Path);
        Assert.Equal(engine == "mariadb" ? "MySQL" : "SQLite", backup.Engine);
        Assert.Equal(SchemaMigrator.LatestVersion, backup.SchemaVersion);
        Assert.Equal(new FileInfo(path).Length, backup.Bytes);
        Assert.Matches("^[0-9a-f]{64}$", backup.Sha256);
        Assert.True(File.Exists(path + DatabaseBackups.ManifestSuffix));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.partial"));

        using var target = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var targetServices = Engines.Services(target);
        var restored = new DatabaseBackups(targetServices).Restore(path);

        Assert.Equal(expected, restored.Tables);
        Assert.Equal(expected, TableFingerprints.Read(targetServices.Database));
        Assert.Contains(expected, t => t.Table == "catalog_track" && t.Rows > 0);
        Assert.Equal(SchemaMigrator.LatestVersion, restored.SchemaVersion);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Restoring_undoes_every_change_made_since_the_backup_including_new_tables(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await ImportedAsync(home);
        var before = TableFingerprints.Read(services.Database);
        var path = Path.Combine(home.Path, "b" + services.Database.BackupExtension);
        new DatabaseBackups(services).Backup(path, overwrite: false);

        using (var connection = services.Database.Open())
        {
            connection.Execute("DELETE FROM catalog_track_song");
            connection.Execute("UPDATE archivedotorg_unmatched_track SET resolved = 1");
            connection.Execute("CREATE TABLE added_since (id INT PRIMARY KEY)");
        }

        Assert.NotEqual(before, TableFingerprints.Read(services.Database));
        new DatabaseBackups(services).Restore(path);

        Assert.Equal(before, TableFingerprints.Read(services.Database));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_backup_that_changed_since_it_was_made_is_refused_and_the_catalog_is_left_alone(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await ImportedAsync(home);
        var path = Path.Combine(home.Path, "b" + services.Database.BackupExtension);
        new DatabaseBackups(services).Backup(path, overwrite: false);
        using (var file = File.OpenWrite(path))
        {
            file.Seek(file.Length / 2, SeekOrigin.Begin);
            file.Write("damage"u8);
        }

        using (var connection = services.Database.Open())
        {
            connection.Execute("DELETE FROM catalog_track_song");
        }

        var after = TableFingerprints.Read(services.Database);
        var ex = Assert.Throws<DatabaseBackupException>(() => new DatabaseBackups(services).Restore(path));

        Assert.Equal(BackupProblem.Invalid, ex.Problem);
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Use another backup", ex.Message, StringComparison.Ordinal);
        Assert.Equal(after, TableFingerprints.Read(services.Database));
    }

    [Fact]
    public async Task A_backup_without_its_manifest_a_missing_file_a_newer_schema_or_another_engine_is_refused_naming_why()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        var backups = new DatabaseBackups(services);
        var path = Path.Combine(home.Path, "b.db");
        var backup = backups.Backup(path, overwrite: false);
        var manifest = path + DatabaseBackups.ManifestSuffix;

        Assert.Equal(BackupProblem.NotFound, Assert.Throws<DatabaseBackupException>(() => backups.Restore(path + ".nope")).Problem);

        File.WriteAllText(manifest, System.Text.Json.JsonSerializer.Serialize(backup with { SchemaVersion = SchemaMigrator.LatestVersion + 1 }));
        var newer = Assert.Throws<DatabaseBackupException>(() => backups.Restore(path));
        Assert.Contains($"schema version {SchemaMigrator.LatestVersion + 1}", newer.Message, StringComparison.Ordinal);

        File.WriteAllText(manifest, System.Text.Json.JsonSerializer.Serialize(backup with { Engine = "MySQL" }));
        Assert.Contains("backup of a MySQL catalog", Assert.Throws<DatabaseBackupException>(() => backups.Restore(path)).Message, StringComparison.Ordinal);

        File.Delete(manifest);
        Assert.Contains("has no manifest", Assert.Throws<DatabaseBackupException>(() => backups.Restore(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalog_with_its_middle_third_overwritten_is_restored_whole()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await ImportedAsync(home);
        var expected = TableFingerprints.Read(services.Database);
        var path = Path.Combine(home.Path, "b.db");
        new DatabaseBackups(services).Backup(path, overwrite: false);
        using (var connection = services.Database.Open())
        {
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        OverwriteMiddleThird(home.SqlitePath);

        var restored = new DatabaseBackups(services).Restore(path);

        Assert.Equal(expected, TableFingerprints.Read(services.Database));
        using var check = services.Database.Open();
        Assert.Equal("ok", check.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.True(restored.DamagedCatalogKeptAt is null || File.Exists(restored.DamagedCatalogKeptAt));
    }

    [Fact]
    public async Task A_catalog_file_that_is_no_database_at_all_is_kept_aside_and_the_backup_put_in_its_place()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = await ImportedAsync(home);
        var expected = TableFingerprints.Read(services.Database);
        var path = Path.Combine(home.Path, "b.db");
        new DatabaseBackups(services).Backup(path, overwrite: false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(home.SqlitePath + "-wal");
        File.Delete(home.SqlitePath + "-shm");
        File.WriteAllText(home.SqlitePath, new string('x', 8192));

        var restored = new DatabaseBackups(services).Restore(path);

        Assert.Equal(expected, TableFingerprints.Read(services.Database));
        Assert.NotNull(restored.DamagedCatalogKeptAt);
        Assert.Equal(new string('x', 8192), File.ReadAllText(restored.DamagedCatalogKeptAt!));
    }

    private static void OverwriteMiddleThird(string file)
    {
        using var stream = File.OpenWrite(file);
        var third = stream.Length / 3;
        stream.Seek(third, SeekOrigin.Begin);
        stream.Write(Enumerable.Repeat((byte)0x5a, (int)third).ToArray());
    }

    [Fact]
    public async Task An_existing_backup_is_kept_unless_overwrite_is_asked_for()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var backups = new DatabaseBackups(Engines.Services(home));
        var path = Path.Combine(home.Path, "b.db");
        var first = backups.Backup(path, overwrite: false);

        var ex = Assert.Throws<DatabaseBackupException>(() => backups.Backup(path, overwrite: false));
        Assert.Contains("-Force", ex.Message, StringComparison.Ordinal);
        Assert.Equal(first.Sha256, backups.Verify(path).Sha256);
        Assert.Equal(path, backups.Backup(path, overwrite: true).Path);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_restore_is_refused_while_an_import_of_any_artist_holds_its_lock(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await ImportedAsync(home);
        var path = Path.Combine(home.Path, "b" + services.Database.BackupExtension);
        new DatabaseBackups(services).Backup(path, overwrite: false);
        var artistId = services.Artists.Find(Artist)!.Value;
        var runId = services.Runs.Start(artistId, ImportKind.Populate, services.Now);

        using (services.Locks.TryAcquire(ImportKind.Populate, artistId))
        {
            var ex = Assert.Throws<DatabaseBackupException>(() => new DatabaseBackups(services).Restore(path));
            Assert.Equal(BackupProblem.ImportRunning, ex.Problem);
            Assert.Contains($"populate of {Artist} is running (run {runId}", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Stop-ArchiveImport", ex.Message, StringComparison.Ordinal);
        }

        // The restore's own locks were all released: an import can start again.
        using var again = services.Locks.TryAcquire(ImportKind.Download, artistId);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Without_mariadb_dump_or_mysqldump_on_PATH_the_error_names_the_Debian_package()
    {
        var database = CatalogDatabase.For(DatabaseTarget.Parse(await mariaDb.Server.CreateDatabaseAsync(), Path.GetTempPath()));
        var empty = Directory.CreateTempSubdirectory("nopath-").FullName;

        var ex = Assert.Throws<MySqlClientToolMissingException>(() => new MySqlClientTools(database.Target, empty).Dump(Path.Combine(empty, "x.sql")));

        Assert.Contains("Neither mariadb-dump nor mysqldump was found on PATH", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y mariadb-client", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(empty));
    }

    [Fact]
    public async Task A_dump_holds_the_schema_and_leaves_no_options_file_with_the_password_behind()
    {
        var database = CatalogDatabase.For(DatabaseTarget.Parse(await mariaDb.Server.CreateDatabaseAsync(), Path.GetTempPath()));
        new SchemaMigrator(database).MigrateUp();
        var before = Directory.GetFiles(Path.GetTempPath(), "archiveimport-*.cnf").Length;
        var path = Path.Combine(Directory.CreateTempSubdirectory("dump-").FullName, "x.sql");

        new MySqlClientTools(database.Target).Dump(path);

        Assert.Contains("CREATE TABLE", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.DoesNotContain(mariaDb.Server.Password, File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "archiveimport-*.cnf").Length);
    }

    private static async Task<ArchiveServices> ImportedAsync(TestHome home)
    {
        var services = Engines.Services(home);
        var reporter = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        ImportPipelineTests.Populate(services, reporter.Downloads.Select(d => d.Identifier));
        return services;
    }
}
