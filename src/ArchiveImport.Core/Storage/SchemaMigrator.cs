using System.Reflection;
using Dapper;
using FluentMigrator;
using FluentMigrator.Runner;
using FluentMigrator.Runner.VersionTableInfo;
using Microsoft.Extensions.DependencyInjection;

namespace ArchiveImport.Core.Storage;

public sealed record SchemaStatus(long CurrentVersion, long LatestVersion, IReadOnlyList<PendingMigration> Pending)
{
    public bool IsCurrent => CurrentVersion >= LatestVersion;
}

public sealed record PendingMigration(long Version, string Description);

/// <summary>Applies the versioned migrations under Storage/Migrations with FluentMigrator.</summary>
public sealed class SchemaMigrator
{
    public const string VersionTable = "archivedotorg_schema_version";

    private static readonly IReadOnlyList<PendingMigration> AllMigrations = typeof(SchemaMigrator).Assembly.GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<MigrationAttribute>()))
        .Where(m => m.Attribute is not null)
        .Select(m => new PendingMigration(m.Attribute!.Version, m.Attribute.Description ?? m.Type.Name))
        .OrderBy(m => m.Version)
        .ToArray();

    private readonly CatalogDatabase database;

    public SchemaMigrator(CatalogDatabase database) => this.database = database;

    public static long LatestVersion => AllMigrations[^1].Version;

    public SchemaStatus GetStatus()
    {
        using var connection = database.Open();
        var current = database.Dialect.TableExists(connection, VersionTable)
            ? connection.ExecuteScalar<long?>($"SELECT MAX(Version) FROM {VersionTable}") ?? 0
            : 0;
        return new SchemaStatus(current, LatestVersion, AllMigrations.Where(m => m.Version > current).ToArray());
    }

    /// <summary>How long a migration waits for another process's migration of the same catalog to finish.</summary>
    public static readonly TimeSpan MigrationLockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Applies every pending migration, each in its own transaction. Several processes may find the schema out of date
    /// at once (cron starting imports on a new home, two operators running Update-ArchiveDatabase): the engine's
    /// migration lock lets one migrate while the others wait, and each looks at the version again once it holds the
    /// lock, so a migration that another process has applied meanwhile is never applied twice.
    /// </summary>
    public SchemaStatus MigrateUp()
    {
        // Opening through CatalogDatabase first creates the SQLite folder and turns an unreachable server into one clear error.
        using (database.Open())
        {
        }

        using (database.LockForMigration(MigrationLockTimeout))
        {
            if (GetStatus() is { IsCurrent: true } current)
            {
                return current;
            }

            try
            {
                using var services = BuildRunner();
                services.GetRequiredService<IMigrationRunner>().MigrateUp();
            }
            catch (Exception ex) when (ex is not CatalogUnavailableException)
            {
                throw new CatalogUnavailableException(
                    $"Migrating {database.Target.Display} failed: {database.Target.Redact(ex.InnerException?.Message ?? ex.Message).TrimEnd('.')}. " +
                    "Only migrations that completed are recorded in " + VersionTable + "; fix the cause and run Update-ArchiveDatabase again.", ex);
            }

            return GetStatus();
        }
    }

    /// <summary>Tests build a catalog as an older release left it (to deploy this one over it) by going up or down to a version.</summary>
    internal SchemaStatus MigrateTo(long version)
    {
        using (var services = BuildRunner())
        {
            var runner = services.GetRequiredService<IMigrationRunner>();
            if (GetStatus().CurrentVersion < version)
            {
                runner.MigrateUp(version);
            }
            else
            {
                runner.MigrateDown(version);
            }
        }

        return GetStatus();
    }

    private ServiceProvider BuildRunner() => new ServiceCollection()
        .AddFluentMigratorCore()
        .ConfigureRunner(runner =>
        {
            database.AddMigrationRunner(runner);
            runner.WithGlobalConnectionString(database.Target.ConnectionString)
                .WithVersionTable(new ArchiveVersionTable())
                .ScanIn(typeof(SchemaMigrator).Assembly).For.Migrations();
        })
        .BuildServiceProvider(validateScopes: false);

    private sealed class ArchiveVersionTable : IVersionTableMetaData
    {
        public bool OwnsSchema => false;
        public string SchemaName => string.Empty;
        public string TableName => VersionTable;
        public string ColumnName => "Version";
        public string DescriptionColumnName => "Description";
        public string UniqueIndexName => "ux_schema_version";
        public string AppliedOnColumnName => "AppliedOn";
        public bool CreateWithPrimaryKey => false;
    }
}
