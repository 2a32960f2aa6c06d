using System.Data;

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
