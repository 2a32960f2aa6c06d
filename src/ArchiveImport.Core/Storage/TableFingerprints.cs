using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArchiveImport.Core.Storage;

/// <summary>One table's row count and a SHA-256 of its whole content, rows in a fixed order.</summary>
public sealed record TableFingerprint(string Table, long Rows, string Sha256);

/// <summary>
/// Fingerprints every table of a catalog, so two catalogs on the same engine (a source and its restored backup, a
/// database before and after a deployment step) can be proven equal table by table.
/// </summary>
public static class TableFingerprints
{
    private static readonly byte[] ColumnSeparator = [0x1f];
    private static readonly byte[] RowSeparator = [0x1e];
    private static readonly byte[] Null = [0x00];

    public static IReadOnlyList<TableFingerprint> Read(CatalogDatabase database)
    {
        using var connection = database.Open();
        return Read(connection, database.Dialect);
    }

    public static IReadOnlyList<TableFingerprint> Read(DbConnection connection, ISqlDialect dialect) =>
        dialect.Tables(connection).Select(table => Read(connection, dialect, table)).ToList();

    private static TableFingerprint Read(DbConnection connection, ISqlDialect dialect, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {dialect.Quote(table)} WHERE 1 = 0";
        int columns;
        using (var shape = command.ExecuteReader())
        {
            columns = shape.FieldCount;
        }

        // Ordered by every column, so the hash depends on the content only, not on the order rows happen to be read in.
        command.CommandText = $"SELECT * FROM {dialect.Quote(table)} ORDER BY {string.Join(", ", Enumerable.Range(1, columns))}";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < columns; i++)
            {
                hash.AppendData(Bytes(reader.GetValue(i)));
                hash.AppendData(ColumnSeparator);
            }

            hash.AppendData(RowSeparator);
        }

        return new TableFingerprint(table, rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static byte[] Bytes(object value) => value switch
    {
        DBNull => Null,
        byte[] blob => blob,
        string text => Encoding.UTF8.GetBytes(text),
        DateTime time => Encoding.UTF8.GetBytes(time.ToString("O", CultureInfo.InvariantCulture)),
        IFormattable formattable => Encoding.UTF8.GetBytes(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
    };
}
