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

    /// <summary>Every table of the catalog's database (or file), by name.</summary>
    IReadOnlyList<string> Tables(IDbConnection connection);

    /// <summary>A table or column name quoted for this engine.</summary>
    string Quote(string identifier);

    /// <summary>
    /// Deletes the catalog_track_song rows of one show's tracks (parameter @showId), reaching them through the show's
    /// tracks by index: each engine has its own form that its planner does not turn into a scan of the whole table.
    /// </summary>
    string DeleteTrackSongsOfShow { get; }

    /// <summary>How many rows one INSERT of a show's tracks or track songs carries (a run reuses each such statement).</summary>
    int RowsPerInsert { get; }
}
