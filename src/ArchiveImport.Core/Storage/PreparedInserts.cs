using System.Data.Common;
using System.Text;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// The INSERT commands of one connection, built once per table and row count and reused with new values: SQLite then
/// prepares each statement once per run instead of once per show, and no parameter list is built per row by reflection.
/// How many rows one statement carries is the engine's choice (<see cref="ISqlDialect.RowsPerInsert"/>). Use from one
/// thread at a time; disposed with its connection.
/// </summary>
internal sealed class PreparedInserts : IDisposable
{
    private readonly DbConnection connection;
    private readonly int rowsPerStatement;
    private readonly Dictionary<(string Table, int Rows), DbCommand> commands = [];

    public PreparedInserts(DbConnection connection, int rowsPerStatement)
    {
        this.connection = connection;
        this.rowsPerStatement = rowsPerStatement;
    }

    public void Execute(DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            var command = CommandFor(table, columns, chunk.Length);
            command.Transaction = transaction;
            var parameters = command.Parameters;
            for (var r = 0; r < chunk.Length; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    parameters[r * columns.Count + c].Value = chunk[r][c] ?? DBNull.Value;
                }
            }

            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }

    private DbCommand CommandFor(string table, IReadOnlyList<string> columns, int rows)
    {
        if (commands.TryGetValue((table, rows), out var cached))
        {
            return cached;
        }

        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var command = connection.CreateCommand();
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        commands[(table, rows)] = command;
        return command;
    }
}
