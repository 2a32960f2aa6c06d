using System.Data.Common;
using Serilog;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// One connection kept open for a run's many short statements (a download's per-show reads and writes, the stop flag
/// read before every show), lent to one caller at a time, so a run does not open and reset a pooled connection per
/// statement. A statement that fails is tried once more on a fresh connection, since the kept one may have died under
/// it (a restarted server, a killed or timed-out connection, a stream cut mid-reply): a dead connection costs a reconnect, not a failed show.
/// Only idempotent statements (reads, upserts, updates to given values) may go through it, and none that needs a
/// transaction across calls.
/// </summary>
public sealed class SharedConnection : IDisposable
{
    private readonly Func<DbConnection> open;
    private readonly ILogger? log;
    private readonly object gate = new();
    private DbConnection? connection;

    internal SharedConnection(Func<DbConnection> open, ILogger? log)
    {
        this.open = open;
        this.log = log;
    }

    public T Use<T>(Func<DbConnection, T> work)
    {
        lock (gate)
        {
            try
            {
                return work(connection ??= open());
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
            {
                log?.Warning("The kept catalog connection failed ({Reason:l}); retrying the statement on a fresh connection.", ex.Message);
                Drop();
            }

            try
            {
                return work(connection = open());
            }
            catch
            {
                Drop();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            Drop();
        }
    }

    private void Drop()
    {
        connection?.Dispose();
        connection = null;
    }
}
