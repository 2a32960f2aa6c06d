using System.Data.Common;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// One connection kept open for a populate run, and the transaction that several shows' writes share until
/// <see cref="Commit"/>. A show's rows are only ever written inside a transaction, so whatever ends the process, each
/// show is in the catalog as it was before its batch or as that batch left it, never half-written. Disposing rolls back
/// what was not committed and closes the connection. Use from one thread at a time.
/// </summary>
public sealed class CatalogWriter : IDisposable
{
    private readonly Func<DbConnection> open;
    private readonly int rowsPerInsert;
    private DbTransaction? transaction;

    internal CatalogWriter(Func<DbConnection> open, int rowsPerInsert)
    {
        this.open = open;
        this.rowsPerInsert = rowsPerInsert;
        Connection = open();
        Inserts = new PreparedInserts(Connection, rowsPerInsert);
    }

    internal DbConnection Connection { get; private set; }

    /// <summary>The INSERT commands of <see cref="Connection"/>, reused by every show the run writes.</summary>
    internal PreparedInserts Inserts { get; private set; }

    /// <summary>The open transaction, or null between batches (reads on this connection must name it when there is one).</summary>
    internal DbTransaction? OpenTransaction => transaction;

    /// <summary>Whether writes are waiting for <see cref="Commit"/>.</summary>
    public bool HasUncommitted => transaction is not null;

    /// <summary>The transaction the next write joins: the open one, or a new one.</summary>
    internal DbTransaction Transaction => transaction ??= Connection.BeginTransaction();

    public void Commit()
    {
        if (transaction is not { } open)
        {
            return;
        }

        transaction = null;
        using (open)
        {
            open.Commit();
        }
    }

    public void Rollback()
    {
        if (transaction is not { } open)
        {
            return;
        }

        transaction = null;
        using (open)
        {
            open.Rollback();
        }
    }

    /// <summary>
    /// After a failed write: drops what was not committed and starts again on a new connection, since the old one may
    /// have broken under the failure (a restarted server, a killed connection). Throws when none can be opened.
    /// </summary>
    public void Reset()
    {
        try
        {
            Rollback();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // A broken connection's transaction is rolled back by the server.
        }
        finally
        {
            transaction = null;
            Inserts.Dispose();
            Connection.Dispose();
        }

        Connection = open();
        Inserts = new PreparedInserts(Connection, rowsPerInsert);
    }

    public void Dispose()
    {
        try
        {
            transaction?.Dispose(); // rolls back
        }
        finally
        {
            transaction = null;
            Inserts.Dispose();
            Connection.Dispose();
        }
    }
}
