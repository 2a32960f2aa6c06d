using System.Data;
using System.Text;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Inserts many rows with one statement per chunk instead of one per row: a show's tracks cost a couple of round
/// trips to MySQL rather than one each. The same SQL runs on SQLite and MySQL/MariaDB.
/// </summary>
internal static class MultiRowInsert
{
    private const int RowsPerStatement = 200;

    public static void Execute(IDbConnection connection, IDbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{r}_{c}";
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, chunk[r][c]);
                }

                sql.Append(')');
            }

            connection.Execute(sql.ToString(), parameters, transaction);
        }
    }
}
