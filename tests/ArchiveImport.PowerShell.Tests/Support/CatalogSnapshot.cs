using System.Data.Common;
using ArchiveImport.Core;
using ArchiveImport.Core.Settings;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>Every table of a home's catalog and every row in it, as text, to prove that bad input changed nothing.</summary>
public sealed record CatalogSnapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Tables)
{
    /// <summary>Tables a refused command may still add a row to: its own run, what it logs about it, SQLite's id counters.</summary>
    public static readonly string[] RunBookkeeping =
        ["archivedotorg_import_run", "archivedotorg_activity_log", "archivedotorg_daily_metrics", "archivedotorg_artist_status", "sqlite_sequence"];

    public static CatalogSnapshot Take(TestHome home)
    {
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path));
        using var connection = services.Database.Open();
        var sqlite = connection.GetType().Name.StartsWith("Sqlite", StringComparison.Ordinal);
        var names = Column(connection, sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name");
        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            tables[name] = Rows(connection, $"SELECT * FROM {name}");
        }

        return new CatalogSnapshot(tables);
    }

    public IReadOnlyList<string> Rows(string table) => Tables[table];

    /// <summary>Same tables; same rows in every table but the run bookkeeping, whose rows may only have been added to.</summary>
    public void AssertIntactSince(CatalogSnapshot before, string because)
    {
        Assert.True(before.Tables.Keys.SequenceEqual(Tables.Keys), $"{because}: tables changed: {string.Join(", ", before.Tables.Keys)} -> {string.Join(", ", Tables.Keys)}");
        Assert.Contains("archivedotorg_import_run", Tables.Keys);
        foreach (var (table, rows) in before.Tables)
        {
            if (RunBookkeeping.Contains(table))
            {
                Assert.True(Tables[table].Count >= rows.Count, $"{because}: rows vanished from {table}");
            }
            else
            {
                Assert.True(rows.SequenceEqual(Tables[table]), $"{because}: {table} changed");
            }
        }
    }

    private static List<string> Column(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static List<string> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('\u241f', values.Select(v => v is DBNull ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
