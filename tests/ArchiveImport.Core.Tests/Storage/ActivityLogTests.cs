using ArchiveImport.Core.Schema;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>archivedotorg_activity_log on both engines: command rows beside the older event rows, read back by filter.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ActivityLogTests
{
    private static readonly DateTime Monday = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private readonly MariaDbFixture mariaDb;

    public ActivityLogTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Command_rows_read_back_whole_newest_first_beside_the_older_event_rows(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9"));
        var services = Engines.Services(home);
        var artistId = services.Artists.Ensure("Grateful Dead", "GratefulDead", Monday);
        services.Activity.Write("info", "download_started", "Run 7 started for Grateful Dead.", Monday, artistId, 7);

        var written = services.Activity.Record(new ActivityEntry(Monday.AddMinutes(1), "error", "command_failed", "archive.org said 503")
        {
            UserName = "ops",
            Host = "worker-2",
            Command = "Invoke-ArchiveDownload",
            Target = "Grateful Dead",
            Outcome = ActivityOutcome.Failed,
            Duration = TimeSpan.FromMilliseconds(1234),
            Artist = "Grateful Dead",
            ErrorId = "ArchiveUnavailable",
        });

        var rows = services.Activity.Read(new ActivityFilter());
        Assert.Equal(["command_failed", "download_started"], rows.Select(r => r.Event));
        var command = rows[0];
        Assert.Equal(written.Id, command.Id);
        Assert.Equal(Monday.AddMinutes(1), command.Time);
        Assert.Equal(DateTimeKind.Utc, command.Time.Kind);
        Assert.Equal(("ops", "worker-2", "Invoke-ArchiveDownload", "Grateful Dead", "Failed"), (command.User, command.Host, command.Command, command.Target, command.Outcome));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), command.Duration);
        Assert.Equal(("Grateful Dead", "ArchiveUnavailable", "archive.org said 503", "error"), (command.Artist, command.ErrorId, command.Message, command.Level));
        Assert.Equal(written.Message, command.Message);

        var older = rows[1];
        Assert.Equal(("Grateful Dead", 7L, "info"), (older.Artist, older.RunId!.Value, older.Level));
        Assert.Null(older.Command);
        Assert.Null(older.Outcome);
        Assert.Null(older.Duration);

        // The runbook's SQL on the columns the table always had still reads both rows.
        using var connection = services.Database.Open();
        Assert.Equal(
            [("error", "command_failed"), ("info", "download_started")],
            connection.Query<(string, string)>("SELECT level, event FROM archivedotorg_activity_log WHERE artist_id = @artistId ORDER BY occurred_at DESC", new { artistId }));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Filters_by_time_artist_command_wildcard_and_outcome_and_keeps_the_newest(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9"));
        var services = Engines.Services(home);
        var runEventArtist = services.Artists.Ensure("Phish", "Phish", Monday);
        services.Activity.Write("info", "populate_completed", "Run 3 completed.", Monday, runEventArtist, 3);
        Record(services, 1, "Invoke-ArchiveDownload", ActivityOutcome.Succeeded, "Grateful Dead");
        Record(services, 2, "Invoke-ArchivePopulate", ActivityOutcome.Failed, "Grateful Dead");
        Record(services, 3, "Enable-ArchiveMaintenance", ActivityOutcome.Succeeded, null);
        Record(services, 4, "Invoke-ArchiveDownload", ActivityOutcome.Cancelled, "Phish");
        Record(services, 5, "deploy_50%_done", ActivityOutcome.Started, null);

        string[] Commands(ActivityFilter filter) => services.Activity.Read(filter).Select(r => r.Command ?? r.Event).ToArray();

        Assert.Equal(["Invoke-ArchiveDownload", "populate_completed"], Commands(new ActivityFilter(Artist: "Phish")));
        Assert.Equal(["Invoke-ArchivePopulate", "Invoke-ArchiveDownload"], Commands(new ActivityFilter(Artist: "Grateful Dead")));
        Assert.Equal(["Invoke-ArchiveDownload", "Invoke-ArchivePopulate", "Invoke-ArchiveDownload"], Commands(new ActivityFilter(Command: "invoke-archive*")));
        Assert.Equal(["Enable-ArchiveMaintenance"], Commands(new ActivityFilter(Command: "Enable-ArchiveMaintenance")));
        Assert.Equal(["deploy_50%_done"], Commands(new ActivityFilter(Command: "deploy_50%_done")));
        Assert.Empty(Commands(new ActivityFilter(Command: "deploy_50%")));
        Assert.Equal(["Invoke-ArchivePopulate"], Commands(new ActivityFilter(Outcome: ActivityOutcome.Failed)));
        Assert.Equal(["deploy_50%_done", "Invoke-ArchiveDownload"], Commands(new ActivityFilter(Since: Monday.AddMinutes(4))));
        Assert.Equal(["deploy_50%_done", "Invoke-ArchiveDownload"], Commands(new ActivityFilter(Last: 2)));
        Assert.Equal(
            ["Invoke-ArchiveDownload"],
            Commands(new ActivityFilter(Since: Monday.AddMinutes(1), Artist: "Phish", Command: "Invoke-*", Outcome: ActivityOutcome.Cancelled, Last: 5)));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Text_is_clipped_to_its_columns_and_no_password_is_stored(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9"));
        var services = Engines.Services(home);

        var row = services.Activity.Record(new ActivityEntry(Monday, "error", "step_failed", "connect failed: Server=db;Password=hunter2;User=x")
        {
            Command = new string('c', 500),
            Target = "Server=db;pwd=hunter2;" + new string('t', 5000),
            UserName = new string('u', 300),
            Host = new string('h', 300),
            Artist = new string('a', 300),
            Outcome = ActivityOutcome.Failed,
        });

        Assert.DoesNotContain("hunter2", row.Message + row.Target, StringComparison.Ordinal);
        Assert.Contains("Password=***", row.Message, StringComparison.Ordinal);
        Assert.Equal(ColumnLengths.ActivityLog.Command, row.Command!.Length);
        Assert.Equal(ColumnLengths.ActivityLog.Target, row.Target!.Length);
        Assert.Equal(ColumnLengths.ActivityLog.UserName, row.User!.Length);
        Assert.Equal(ColumnLengths.ActivityLog.Host, row.Host!.Length);
        Assert.Equal(ColumnLengths.ActivityLog.Artist, row.Artist!.Length);
    }

    private static void Record(ArchiveServices services, int minute, string command, string outcome, string? artist) =>
        services.Activity.Record(new ActivityEntry(Monday.AddMinutes(minute), "info", "command_" + outcome.ToLowerInvariant(), "")
        {
            Command = command,
            Outcome = outcome,
            Artist = artist,
            Target = artist,
        });
}
