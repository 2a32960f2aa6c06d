using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Settings;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Support;

/// <summary>Runs a test on both storage engines: the embedded SQLite file and the private MariaDB server.</summary>
public static class Engines
{
    public static TheoryData<string> Both => new() { "sqlite", "mariadb" };

    public static async Task<TestHome> HomeAsync(string engine, MariaDbFixture mariaDb, Uri archiveUrl, double httpTimeoutSeconds = 5) =>
        TestHome.Create(archiveUrl, engine == "mariadb" ? await mariaDb.Server.CreateDatabaseAsync() : null, httpTimeoutSeconds);

    public static ArchiveServices Services(TestHome home, TimeProvider? clock = null)
    {
        var services = new ArchiveServices(SettingsLoader.Load(_ => null, home.Path), clock);
        if (!services.Database.MigratesOnFirstUse)
        {
            services.Schema.MigrateUp();
        }

        services.EnsureSchema();
        return services;
    }
}

/// <summary>Collects what a job reports, thread-safely, for assertions.</summary>
public sealed class RecordingReporter : IJobReporter
{
    private readonly object gate = new();
    public List<object> Results { get; } = [];
    public List<(Exception Exception, string Id, ProblemKind Kind, object? Target)> Errors { get; } = [];
    public List<string> Messages { get; } = [];

    public void Result(object item)
    {
        lock (gate) Results.Add(item);
    }

    public void Error(Exception exception, string errorId, ProblemKind kind, object? target)
    {
        lock (gate) Errors.Add((exception, errorId, kind, target));
    }

    public void Progress(JobProgress progress)
    {
    }

    public void ProgressCompleted(string activity)
    {
    }

    public void Verbose(string message)
    {
        lock (gate) Messages.Add(message);
    }

    public void Warning(string message)
    {
        lock (gate) Messages.Add("WARNING: " + message);
    }

    /// <summary>A copy of <see cref="Messages"/>, safe to read while a job still reports.</summary>
    public IReadOnlyList<string> MessagesSoFar
    {
        get { lock (gate) return Messages.ToList(); }
    }

    public IReadOnlyList<DownloadResult> Downloads
    {
        get { lock (gate) return Results.OfType<DownloadResult>().ToList(); }
    }
}
