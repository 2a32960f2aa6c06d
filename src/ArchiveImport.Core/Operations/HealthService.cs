using System.Globalization;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// The older system's status, weekly health check and monitoring scripts as typed checks. Each check has a stable
/// id; thresholds come from settings. An unreachable database is one failed check, not a cascade of errors.
/// </summary>
public sealed class HealthService
{
    public static readonly IReadOnlyList<string> CheckIds =
        ["database", "schema", "active-imports", "dead-runs", "failed-imports-24h", "match-rate", "unmatched-count", "metadata-disk", "locks", "artist-configs"];

    private readonly ArchiveServices services;

    public HealthService(ArchiveServices services) => this.services = services;

    public IEnumerable<HealthCheckResult> Run(Func<string, bool>? include = null)
    {
        include ??= _ => true;
        var now = services.Now;
        foreach (var result in CatalogChecks(include, now))
        {
            yield return result;
        }

        // The configs live in files, not in the catalog: they are checked even when the database cannot be reached.
        if (include("artist-configs"))
        {
            foreach (var result in ArtistConfigChecks(now))
            {
                yield return result;
            }
        }
    }

    private IEnumerable<HealthCheckResult> ArtistConfigChecks(DateTime now)
    {
        const string Id = "artist-configs", Name = "Artist configs valid";
        var (usable, problems) = services.ArtistConfigs.Survey();
        if (problems.Count == 0)
        {
            var count = usable.Count;
            yield return new HealthCheckResult
            {
                Id = Id, Name = Name, Status = HealthStatus.Pass, Value = count.ToString(CultureInfo.InvariantCulture), CheckedAt = now,
                Target = services.ArtistConfigs.Directory, Message = $"All {count} artist config(s) in {services.ArtistConfigs.Directory} load and validate.",
            };
            yield break;
        }

        foreach (var problem in problems)
        {
            yield return new HealthCheckResult
            {
                Id = Id, Name = Name, Status = HealthStatus.Fail, Target = problem.FilePath, CheckedAt = now, Message = problem.Message,
            };
        }
    }

    private IEnumerable<HealthCheckResult> CatalogChecks(Func<string, bool> include, DateTime now)
    {
        HealthCheckResult Result(string id, string name, string status, string message, object? value = null, object? threshold = null, string? target = null) => new()
        {
            Id = id, Name = name, Status = status, Message = message, Target = target, CheckedAt = now,
            Value = Convert.ToString(value, CultureInfo.InvariantCulture), Threshold = Convert.ToString(threshold, CultureInfo.InvariantCulture),
        };

        SchemaStatus? schema = null;
        string? unreachable = null;
        try
        {
            services.Database.CheckIntegrity();
            schema = services.Schema.GetStatus();
        }
        catch (CatalogUnavailableException ex)
        {
            unreachable = ex.Message;
        }
        catch (System.Data.Common.DbException ex)
        {
            // Opened, but not readable as a catalog (a damaged SQLite file, say): still one failed check, not a throw.
            unreachable = $"The catalog database ({services.Database.Target.Display}) cannot be read: {services.Database.Target.Redact(ex.Message).TrimEnd('.')}. " +
                "Restore it from a backup, or point ARCHIVEIMPORT_DATABASE (or -Database) at the right catalog.";
        }

        if (schema is null)
        {
            yield return Result("database", "Database reachable", HealthStatus.Fail, unreachable!, target: services.Database.Target.Display);
            yield break;
        }

        if (include("database"))
        {
            yield return Result("database", "Database reachable", HealthStatus.Pass, $"Connected to {services.Database.Target.Display}.", target: services.Database.Target.Display);
        }

        if (include("schema"))
        {
            yield return schema.IsCurrent
                ? Result("schema", "Schema present and current", HealthStatus.Pass, $"Schema version {schema.CurrentVersion} is current.", schema.CurrentVersion, schema.LatestVersion)
                : Result("schema", "Schema present and current", HealthStatus.Fail,
                    schema.CurrentVersion == 0
                        ? "The catalog has no schema yet. Run Update-ArchiveDatabase."
                        : $"Schema version {schema.CurrentVersion} is behind {schema.LatestVersion}. Run Update-ArchiveDatabase.",
                    schema.CurrentVersion, schema.LatestVersion);
        }

        if (!schema.IsCurrent)
        {
            yield break;
        }

        var running = services.Runs.Running();
        var alive = running.Where(r => services.Locks.IsHeld(r.Kind, r.ArtistId)).ToList();
        var dead = running.Except(alive).ToList();

        if (include("active-imports"))
        {
            var stalled = alive.Where(r => now - r.HeartbeatAt > services.Settings.Health.StalledAfter).ToList();
            yield return stalled.Count > 0
                ? Result("active-imports", "Active imports", HealthStatus.Warning,
                    $"{stalled.Count} running import(s) have not reported progress for over {services.Settings.Health.StalledAfter.TotalMinutes:0} minutes: " +
                    string.Join("; ", stalled.Select(Describe)) + ". Check the host, or stop them with Stop-ArchiveImport -Id.",
                    alive.Count, services.Settings.Health.StalledAfter)
                : Result("active-imports", "Active imports", HealthStatus.Pass,
                    alive.Count == 0 ? "No imports are running." : string.Join("; ", alive.Select(Describe)), alive.Count);
        }

        if (include("dead-runs"))
        {
            yield return dead.Count == 0
                ? Result("dead-runs", "Runs that died while running", HealthStatus.Pass, "No run is marked running without a live process.", 0, 0)
                : Result("dead-runs", "Runs that died while running", HealthStatus.Fail,
                    $"{dead.Count} run(s) are marked running but their process is gone: {string.Join("; ", dead.Select(Describe))}. " +
                    $"Mark them failed with Stop-ArchiveImport -Id {string.Join(',', dead.Select(r => r.Id))}; the next run resumes where they stopped.",
                    dead.Count, 0);
        }

        if (include("failed-imports-24h"))
        {
            var failed = services.Runs.CountSince(RunStatus.Failed, now.AddHours(-24));
            var limit = services.Settings.Health.MaxFailedImports24h;
            yield return Result("failed-imports-24h", "Failed imports in the last 24 hours", failed >= limit ? HealthStatus.Fail : HealthStatus.Pass,
                failed == 0 ? "No import failed in the last 24 hours."
                    : $"{failed} import(s) failed in the last 24 hours. See Get-ArchiveImportRun -Status failed for their error messages.",
                failed, limit);
        }

        if (include("match-rate"))
        {
            var minimum = services.Settings.Health.MinMatchRate;
            var statuses = services.Catalog.ArtistStatuses().Where(s => s.TracksMatched + s.TracksUnmatched > 0).ToList();
            if (statuses.Count == 0)
            {
                yield return Result("match-rate", "Match rate", HealthStatus.Pass, "No artist has populated tracks yet.", null, minimum);
            }

            foreach (var artist in statuses)
            {
                yield return (double)artist.MatchRate >= minimum
                    ? Result("match-rate", "Match rate", HealthStatus.Pass, $"{artist.MatchRate:0.00} % of {artist.Artist}'s tracks matched a song.", artist.MatchRate, minimum, artist.Artist)
                    : Result("match-rate", "Match rate", HealthStatus.Fail,
                        $"Only {artist.MatchRate:0.00} % of {artist.Artist}'s tracks matched a song ({artist.TracksUnmatched} unmatched). " +
                        $"Review Get-ArchiveUnmatched -Artist '{artist.Artist}', add aliases to its YAML config, then populate again.",
                        artist.MatchRate, minimum, artist.Artist);
            }
        }

        if (include("unmatched-count"))
        {
            var unmatched = services.Catalog.UnresolvedUnmatchedCount();
            var limit = services.Settings.Health.MaxUnmatched;
            yield return Result("unmatched-count", "Unresolved unmatched titles", unmatched >= limit ? HealthStatus.Fail : HealthStatus.Pass,
                unmatched >= limit
                    ? $"{unmatched} distinct titles are unmatched. Start with Get-ArchiveUnmatched -Top 20."
                    : $"{unmatched} distinct titles are unmatched.",
                unmatched, limit);
        }

        if (include("metadata-disk"))
        {
            // The sizes recorded as each file was downloaded, summed in the catalog: listing a folder of tens of thousands
            // of files took longer than every other check together. Free space is one statvfs call.
            var megabytes = services.ShowMetadata.TotalBytes() / (1024 * 1024);
            var warnAt = services.Settings.Health.MetadataDiskWarningMegabytes;
            var free = FreeMegabytes(services.MetadataFiles.Root);
            yield return Result("metadata-disk", "Metadata disk usage", megabytes >= warnAt ? HealthStatus.Warning : HealthStatus.Pass,
                $"The metadata folder {services.MetadataFiles.Root} holds {megabytes} MB of downloaded metadata" + (free is { } f ? $"; {f} MB free on its disk." : "."),
                megabytes, warnAt);
        }

        if (include("locks"))
        {
            yield return Result("locks", "Locks held", HealthStatus.Pass,
                alive.Count == 0 ? "No import lock is held." : string.Join("; ", alive.Select(r => $"{r.Type} lock for {r.Artist} held by {r.Holder}")),
                alive.Count);
        }
    }

    private static string Describe(ImportRun run) => $"{run.Type} of {run.Artist}, {run.Holder}";

    private static long? FreeMegabytes(string path)
    {
        try
        {
            var existing = path;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                existing = parent;
            }

            return new DriveInfo(existing).AvailableFreeSpace / (1024 * 1024);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
