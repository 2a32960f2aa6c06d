using System.Data;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>The few places where SQLite and MySQL/MariaDB SQL differ.</summary>
public interface ISqlDialect
{
    /// <summary>SQL that returns the id of the row just inserted on this connection.</summary>
    string LastInsertId { get; }

    /// <summary>"INSERT … ; on a duplicate of the unique key, update these columns".</summary>
    string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns);

    /// <summary>"INSERT … ; on a duplicate of the unique key, add these counters to the existing row's".</summary>
    string UpsertAdding(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> counterColumns);

    bool TableExists(IDbConnection connection, string table);
}

public sealed class SqliteDialect : ISqlDialect
{
    public string LastInsertId => "SELECT last_insert_rowid()";

    public string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO " +
        (updateColumns.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}")));

    public string UpsertAdding(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> counterColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET " +
        string.Join(", ", counterColumns.Select(c => $"{c} = {table}.{c} + excluded.{c}"));

    public bool TableExists(IDbConnection connection, string table) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) > 0;
}

public sealed class MySqlDialect : ISqlDialect
{
    public string LastInsertId => "SELECT LAST_INSERT_ID()";

    public string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        "ON DUPLICATE KEY UPDATE " +
        (updateColumns.Count == 0
            ? $"{keyColumns[0]} = {keyColumns[0]}"
            : string.Join(", ", updateColumns.Select(c => $"{c} = VALUES({c})")));

    public string UpsertAdding(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> counterColumns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
        "ON DUPLICATE KEY UPDATE " + string.Join(", ", counterColumns.Select(c => $"{c} = {c} + VALUES({c})"));

    public bool TableExists(IDbConnection connection, string table) =>
        connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @table", new { table }) > 0;
}
