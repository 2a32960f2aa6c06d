using System.Data.Common;
using System.Globalization;
using ArchiveImport.Testing;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ArchiveImport.PowerShell.Tests.Support;

/// <summary>
/// Reads a test home's catalog from the outside, as an operator's SQL would, while archive-import processes write it:
/// the SQLite file read-only, or the MariaDB database.
/// </summary>
public sealed class CatalogProbe
{
    private readonly Func<DbConnection> open;

    private CatalogProbe(Func<DbConnection> open) => this.open = open;

    public static CatalogProbe Sqlite(TestHome home) =>
        new(() => new SqliteConnection($"Data Source={home.SqlitePath};Mode=ReadOnly;Pooling=False;Default Timeout=30"));

    public static CatalogProbe MySql(string connectionString) => new(() => new MySqlConnection(connectionString));

    public static CatalogProbe For(TestHome home, string? mySqlConnectionString) =>
        mySqlConnectionString is null ? Sqlite(home) : MySql(mySqlConnectionString);

    public long Scalar(string sql)
    {
        using var connection = open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>The value, or <paramref name="fallback"/> while the database or table does not exist yet.</summary>
    public long ScalarOr(string sql, long fallback)
    {
        try
        {
            return Scalar(sql);
        }
        catch (DbException)
        {
            return fallback;
        }
    }

    /// <summary>Every row as its values in invariant text, NULL as "∅", in the query's order.</summary>
    public IReadOnlyList<string[]> Rows(string sql)
    {
        using var connection = open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Waits until <paramref name="sql"/> returns at least <paramref name="atLeast"/> (reading through "not created yet").</summary>
    public async Task WaitForAsync(string sql, long atLeast, TimeSpan limit, Func<bool>? givingUp = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (ScalarOr(sql, long.MinValue) < atLeast)
        {
            if (DateTime.UtcNow > deadline || givingUp?.Invoke() == true)
            {
                throw new TimeoutException($"Waited {limit} for `{sql}` to reach {atLeast}; it is {ScalarOr(sql, long.MinValue)}.");
            }

            await Task.Delay(25);
        }
    }
}
