using System.Data.Common;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Imports;

/// <summary>One show of a run failed; the message names the run, the show and what to do next.</summary>
public sealed class ImportShowFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>A run could not go on; the message names the run, where it stopped and what to do next.</summary>
public sealed class ImportRunFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>Stop-ArchiveImport stopped a run; the message names the run and how to finish it.</summary>
public sealed class ImportRunCancelledException(string message) : Exception(message);

/// <summary>
/// Words a run's failures with their context (the run, the show, what to do next) and decides when failures in the
/// catalog database mean the run cannot go on: the database cannot be reached any more, or
/// <see cref="Settings.ArchiveImportSettings.MaxConsecutiveDatabaseFailures"/> shows in a row failed in it. A run whose
/// every show would fail then ends failed at once instead of failing show after show. Thread-safe.
/// </summary>
internal sealed class RunFailures
{
    private readonly ArchiveServices services;
    private readonly RunScope run;
    private readonly int limit;
    private int inARow;
    private ImportRunFailedException? stop;

    public RunFailures(ArchiveServices services, RunScope run)
    {
        this.services = services;
        this.run = run;
        limit = Math.Max(1, services.Settings.MaxConsecutiveDatabaseFailures);
    }

    /// <summary>"run Invoke-ArchivePopulate -Artist 'X' again to resume; shows already populated are skipped".</summary>
    public string Resume => run.Kind == ImportKind.Download
        ? $"run Invoke-ArchiveDownload -Artist '{Quoted}' again to resume; shows already downloaded and unchanged are skipped"
        : $"run Invoke-ArchivePopulate -Artist '{Quoted}' again to resume; shows already populated are skipped";

    private string Quoted => run.Artist.Replace("'", "''", StringComparison.Ordinal);

    private string Run => $"Run {run.RunId} ({ImportRunRepository.TypeName(run.Kind)} of '{run.Artist}')";

    /// <summary>A failure of the catalog database (driver errors, a lost connection), as opposed to one of the show itself.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is DbException or CatalogUnavailableException || exception.InnerException is DbException;

    /// <summary>A show was written: database failures are no longer "in a row".</summary>
    public void Written() => Interlocked.Exchange(ref inARow, 0);

    /// <summary>A show failed for a reason of its own; <paramref name="retry"/> adds how to try it again.</summary>
    public ImportShowFailedException Show(string identifier, Exception cause, bool retry = true) => Logged(identifier, new(
        $"{Run}, show {ArchiveIdentifier.Printable(identifier)}: {Clean(cause.Message)}." + (retry ? $" To try it again, {Resume}." : ""),
        cause));

    private ImportShowFailedException Logged(string identifier, ImportShowFailedException failure)
    {
        run.Log.ForContext(Logging.ArchiveLog.Identifier, ArchiveIdentifier.Printable(identifier))
            .Error(failure.InnerException, "Show failed: {Failure:l}", failure.Message);
        return failure;
    }

    /// <summary>
    /// A show failed in the catalog database: the error to report for it. When the run cannot go on (the database is
    /// gone, or too many shows in a row failed in it) <see cref="ThrowIfStopping"/> throws from now on.
    /// </summary>
    public ImportShowFailedException DatabaseFailure(string identifier, Exception cause)
    {
        var show = ArchiveIdentifier.Printable(identifier);
        var what = services.Database.Describe(cause);
        var count = Interlocked.Increment(ref inARow);
        if (Unreachable() is { } why)
        {
            Interlocked.CompareExchange(ref stop, new ImportRunFailedException(
                $"{Run} stopped at show {show}: the catalog database cannot be reached ({why}; the show failed with: {what}). " +
                $"Check that the database is up and reachable, then {Resume}.", cause), null);
        }
        else if (count >= limit)
        {
            Interlocked.CompareExchange(ref stop, new ImportRunFailedException(
                $"{Run} stopped after {count} shows in a row failed in the catalog database, the last {show}: {what}. " +
                $"Check the database (a full disk, a read-only file, a restarted or unreachable server), then {Resume}.", cause), null);
        }

        return Logged(identifier, new ImportShowFailedException(
            $"{Run}, show {show}: the catalog database failed: {what}. The show was not recorded; check the database, then {Resume}.", cause));
    }

    /// <summary>The disk holding <paramref name="folder"/> is full: every later show would fail the same way, so the run stops.</summary>
    public ImportRunFailedException DiskFull(string identifier, string folder, Exception cause) => new(
        $"{Run} stopped at show {ArchiveIdentifier.Printable(identifier)}: the disk holding {folder} is full ({Clean(cause.Message)}); " +
        $"nothing of that show was kept. Free space there (or move the folder to a larger disk), then {Resume}.", cause);

    /// <summary>Throws the reason the run must stop, once a database failure decided it.</summary>
    public void ThrowIfStopping()
    {
        if (Volatile.Read(ref stop) is { } reason)
        {
            throw reason;
        }
    }

    /// <summary>Any failure that ends the run, worded with the run and what to do next (unchanged when it already is).</summary>
    public ImportRunFailedException RunFailed(Exception cause) =>
        cause as ImportRunFailedException ?? new ImportRunFailedException($"{Run} failed: {services.Database.Describe(cause)}. Once that is put right, {Resume}.", cause);

    /// <summary>The error that tells a scheduler the run did not finish: Stop-ArchiveImport stopped it after some shows.</summary>
    public ImportRunCancelledException StoppedByCommand(int showsProcessed) => new(
        $"{Run} was stopped by Stop-ArchiveImport after {showsProcessed} show(s) and did not finish. To finish it, {Resume}.");

    /// <summary>Null when the database still answers; otherwise why not.</summary>
    private string? Unreachable()
    {
        try
        {
            services.Runs.Get(run.RunId);
            return null;
        }
        catch (Exception ex) when (IsDatabaseFailure(ex) || ex is InvalidOperationException or TimeoutException)
        {
            return Clean(ex.Message);
        }
    }

    private string Clean(string message) => services.Database.Target.Redact(message).Trim().TrimEnd('.');
}
