using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// One artist's download and populate locks, held while its metadata files are moved or packed, so no import of
/// that artist writes or reads them meanwhile.
/// </summary>
internal static class ArtistImportLocks
{
    /// <summary>Both locks, or none and why (the import holding one, with what to do).</summary>
    public static (IDisposable? Held, string? Busy) TryHold(ArchiveServices services, string artist, string command)
    {
        var collection = services.ArtistConfigs.Find(artist)?.Collection ?? "";
        var artistId = services.Artists.Find(artist) ?? services.Artists.Ensure(artist, collection, services.Now);
        var held = new List<IDisposable>();
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            if (services.Locks.TryAcquire(kind, artistId) is { } one)
            {
                held.Add(one);
                continue;
            }

            held.ForEach(h => h.Dispose());
            var run = services.Runs.Running(artistId, kind).LastOrDefault();
            var who = run is null ? "" : $" (run {run.Id}, host {run.Host}, pid {run.Pid}, since {run.StartedAt:u})";
            return (null, $"a {kind.ToString().ToLowerInvariant()} of {artist} is running{who}. Wait for it to end or stop it with Stop-ArchiveImport, then run {command} again");
        }

        return (new Held(held), null);
    }

    private sealed class Held(List<IDisposable> locks) : IDisposable
    {
        public void Dispose() => locks.ForEach(l => l.Dispose());
    }
}
