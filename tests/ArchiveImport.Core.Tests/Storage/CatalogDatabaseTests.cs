using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>Each engine's object carries its own policy; nothing else asks which engine it is.</summary>
public sealed class CatalogDatabaseTests
{
    // Nothing listens on port 1: any attempt to read this catalog fails at once.
    private const string UnreachableMySql = "Server=127.0.0.1;Port=1;Database=archive;User ID=importer;Connection Timeout=5";

    [Fact]
    public void A_sqlite_file_is_migrated_on_first_use_and_locked_with_files()
    {
        var database = CatalogDatabase.For(DatabaseTarget.Parse("var/archive.db", Path.GetTempPath()));

        Assert.IsType<SqliteCatalogDatabase>(database);
        Assert.True(database.MigratesOnFirstUse);
        Assert.IsType<SqliteDialect>(database.Dialect);
        Assert.IsType<FileLocks>(database.CreateLocks(Path.GetTempPath()));
    }

    [Fact]
    public void A_mysql_server_is_migrated_only_on_purpose_and_locked_on_the_server()
    {
        var database = CatalogDatabase.For(DatabaseTarget.Parse(UnreachableMySql, Path.GetTempPath()));

        Assert.IsType<MySqlCatalogDatabase>(database);
        Assert.False(database.MigratesOnFirstUse);
        Assert.IsType<MySqlDialect>(database.Dialect);
        Assert.IsType<MySqlNamedLocks>(database.CreateLocks(Path.GetTempPath()));
    }

    [Fact]
    public void A_shared_catalog_is_not_even_read_unless_a_current_schema_is_required()
    {
        var services = new ArchiveServices(new ArchiveImportSettings
        {
            HomeDirectory = Path.GetTempPath(),
            Database = DatabaseTarget.Parse(UnreachableMySql, Path.GetTempPath()),
        });

        services.EnsureSchema(requireCurrent: false);
        Assert.Throws<CatalogUnavailableException>(() => services.EnsureSchema());
    }
}
