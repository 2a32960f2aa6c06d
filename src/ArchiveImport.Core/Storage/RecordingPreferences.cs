using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// An operator's choice of a concert's preferred recording. It is a flag on the recording (catalog_show), which
/// populate never writes, so it outlives every re-populate; the concert's choice is made again at once.
/// </summary>
public sealed class RecordingPreferences
{
    private readonly CatalogDatabase database;
    private readonly ConcertPlacement concerts;

    public RecordingPreferences(CatalogDatabase database)
    {
        this.database = database;
        concerts = new ConcertPlacement(database.Dialect);
    }

    /// <summary>
    /// Makes the recording its concert's preferred one (<paramref name="prefer"/>), or hands the choice back to the rules
    /// (false). Throws <see cref="KeyNotFoundException"/> when the catalog has no such recording.
    /// </summary>
    public void Set(string identifier, bool prefer)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var concertId = connection.QuerySingleOrDefault<long?>(
            "SELECT concert_id FROM catalog_show WHERE identifier = @identifier", new { identifier }, transaction)
            ?? throw new KeyNotFoundException(
                $"The catalog has no recording '{identifier}' in a concert. Check the identifier with Get-ArchiveRecording, or run Invoke-ArchivePopulate if it was downloaded since.");
        connection.Execute(
            "UPDATE catalog_show SET preferred_by_operator = CASE WHEN identifier = @identifier THEN @prefer ELSE @no END WHERE concert_id = @concertId",
            new { identifier, concertId, prefer, no = false }, transaction);
        concerts.Refresh(connection, transaction, concertId);
        transaction.Commit();
    }
}
