using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Every artist's download and populate locks, held together while the catalog or the metadata is replaced: no import
/// is running while they are held, and none can start until they are released.
/// </summary>
public sealed class ImportPause : IDisposable
{
    private readonly List<IDisposable> held;

    private ImportPause(List<IDisposable> held) => this.held = held;

    /// <summary>Takes every lock, or throws naming the import that holds one (and holds none).</summary>
    public static ImportPause Begin(ArchiveServices services)
    {
        var held = new List<IDisposable>();
        try
        {
            foreach (var (artistId, artist) in KnownArtists(services))
            {
                foreach (var kind in Enum.GetValues<ImportKind>())
                {
                    held.Add(services.Locks.TryAcquire(kind, artistId) ?? throw ImportRunning(services, artistId, artist, kind));
                }
            }

            return new ImportPause(held);
        }
        catch
        {
            new ImportPause(held).Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var one in held)
        {
            one.Dispose();
        }

        held.Clear();
    }

    /// <summary>The catalog's artists; none when the catalog is too damaged to say (then no import can be using it either).</summary>
    private static IReadOnlyList<(int Id, string Name)> KnownArtists(ArchiveServices services)
    {
        try
        {
            return services.Artists.All();
        }
        catch (CatalogUnavailableException ex) when (ex.Problem == CatalogProblem.NotADatabase)
        {
            return [];
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            return [];
        }
    }

    private static DatabaseBackupException ImportRunning(ArchiveServices services, int artistId, string artist, ImportKind kind)
    {
        var run = services.Runs.Running(artistId, kind).LastOrDefault();
        var who = run is null ? "" : $" (run {run.Id}, host {run.Host}, pid {run.Pid}, since {run.StartedAt:u})";
        return new DatabaseBackupException(
            $"A {kind.ToString().ToLowerInvariant()} of {artist} is running{who}, and a restore would pull its data from under it. " +
            "Wait for it to end or stop it with Stop-ArchiveImport, then restore.", BackupProblem.ImportRunning);
    }
}
