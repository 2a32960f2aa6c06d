using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// What the checks of one Get-ArchiveHealth call share, gathered once: the time, the schema, the running runs, and the
/// runs of the last 7 days.
/// </summary>
internal sealed class HealthContext
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    private readonly Lazy<(IReadOnlyList<ImportRun> Alive, IReadOnlyList<ImportRun> Dead)> runs;
    private readonly Lazy<IReadOnlyList<ImportRun>> recentRuns;
    private readonly Lazy<DateTime?> latestRunStart;

    public HealthContext(ArchiveServices services)
    {
        Services = services;
        Now = services.Now;
        runs = new(() =>
        {
            var running = services.Runs.Running();
            var alive = running.Where(r => services.Locks.IsHeld(r.Kind, r.ArtistId)).ToList();
            return (alive, running.Except(alive).ToList());
        });
        recentRuns = new(() => services.Runs.StartedOrEndedSince(Now - RecentWindow));
        latestRunStart = new(() => RecentRuns.Count > 0 ? RecentRuns.Max(r => r.StartedAt) : services.Runs.LatestStart());
        try
        {
            services.Database.CheckIntegrity();
            Schema = services.Schema.GetStatus();
        }
        catch (CatalogUnavailableException ex)
        {
            Unreachable = ex.Message;
        }
        catch (System.Data.Common.DbException ex)
        {
            // Opened, but not readable as a catalog (a damaged SQLite file, say): still one failed check, not a throw.
            Unreachable = $"The catalog database ({services.Database.Target.Display}) cannot be read: {services.Database.Target.Redact(ex.Message).TrimEnd('.')}. " +
                "Restore it from a backup, or point ARCHIVEIMPORT_DATABASE (or -Database) at the right catalog.";
        }
    }

    public ArchiveServices Services { get; }
    public DateTime Now { get; }

    /// <summary>Why the catalog cannot be used, or null when it can.</summary>
    public string? Unreachable { get; }

    public SchemaStatus? Schema { get; }

    /// <summary>Runs marked running whose lock is held: their process lives.</summary>
    public IReadOnlyList<ImportRun> Alive => runs.Value.Alive;

    /// <summary>Runs marked running whose lock nobody holds: their process is gone.</summary>
    public IReadOnlyList<ImportRun> Dead => runs.Value.Dead;

    /// <summary>The runs that started or ended in the last <see cref="RecentWindow"/>, oldest first.</summary>
    public IReadOnlyList<ImportRun> RecentRuns => recentRuns.Value;

    /// <summary>When the newest run started, or null when the catalog has never run an import.</summary>
    public DateTime? LatestRunStart => latestRunStart.Value;

    public bool CanRun(HealthCheck check) => check.Needs switch
    {
        HealthNeeds.Files => true,
        HealthNeeds.Catalog => Unreachable is null,
        _ => Schema is { IsCurrent: true },
    };

    public static string Describe(ImportRun run) => $"{run.Type} of {run.Artist}, {run.Holder}";
}
