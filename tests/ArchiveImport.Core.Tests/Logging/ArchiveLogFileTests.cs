using System.Globalization;
using ArchiveImport.Core.Logging;
using ArchiveImport.Core.Settings;
using ArchiveImport.Core.Tests.ArtistConfigs;

namespace ArchiveImport.Core.Tests.Logging;

/// <summary>The log file itself: where it rolls, what it keeps, what it never holds, and reading it back.</summary>
public sealed class ArchiveLogFileTests
{
    private static string DayFile(string directory, DateTime day, string suffix = "") =>
        Path.Combine(directory, $"{ArchiveLog.FilePrefix}{day:yyyyMMdd}{suffix}{ArchiveLog.FileExtension}");

    [Fact]
    public void Files_older_than_the_retention_are_deleted_when_the_day_file_opens_and_newer_ones_are_kept()
    {
        using var temp = new TempDirectory();
        var today = DateTime.Now.Date;
        var old = DayFile(temp.Path, today.AddDays(-10));
        var recent = DayFile(temp.Path, today.AddDays(-1));
        foreach (var (path, day) in new[] { (old, today.AddDays(-10)), (recent, today.AddDays(-1)) })
        {
            File.WriteAllText(path, $"{{\"@t\":\"{day:O}\",\"@m\":\"from {day:yyyy-MM-dd}\"}}\n");
            File.SetLastWriteTime(path, day);
        }

        ArchiveLog.For(temp.Path, new LogSettings { RetainDays = 3 }, s => s).Information("Opened {Day}", today);

        Assert.False(File.Exists(old), "a file 10 days old outlived a 3-day retention");
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(DayFile(temp.Path, today)));
        var read = new ArchiveLogReader(temp.Path).Read(new ArchiveLogQuery()).Select(e => e.Message).ToList();
        Assert.Equal($"from {today.AddDays(-1):yyyy-MM-dd}", read[0]);
        Assert.StartsWith("Opened ", read[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_file_at_the_size_cap_continues_in_a_second_file_and_the_reader_reads_both_in_order()
    {
        using var temp = new TempDirectory();
        var log = ArchiveLog.For(temp.Path, new LogSettings { MaxFileMegabytes = 1 }, s => s);
        var padding = new string('x', 1000);
        const int Events = 1500; // each line holds the padding twice (message and property): about 3 MB
        for (var i = 0; i < Events; i++)
        {
            log.ForContext(ArchiveLog.RunId, (long)i).Information("Event {Number} {Padding}", i, padding);
        }

        var files = Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1, string.Join(", ", files));
        Assert.Equal(files.Skip(1).Select((_, i) => $"{files[0]![..^5]}_{i + 1:000}.json"), files.Skip(1));
        // The cap is checked before each write, so a file ends with at most one line past it.
        Assert.All(Directory.GetFiles(temp.Path), f => Assert.True(new FileInfo(f).Length <= 1024 * 1024 + 4096, $"{f} is over the 1 MB cap"));
        var runIds = new ArchiveLogReader(temp.Path).Read(new ArchiveLogQuery()).Select(e => e.RunId!.Value).ToList();
        Assert.Equal(Enumerable.Range(0, Events).Select(i => (long)i), runIds);
    }

    [Fact]
    public void A_torn_line_left_by_a_killed_writer_is_skipped_not_an_error()
    {
        using var temp = new TempDirectory();
        var log = ArchiveLog.For(temp.Path, new LogSettings(), s => s);
        log.Information("before");
        var file = Directory.GetFiles(temp.Path).Single();
        File.AppendAllText(file, "{\"@t\":\"2026-11-30T10:00:00.0000000+00:00\",\"@m\":\"half a li");
        var tornAtEnd = new ArchiveLogReader(temp.Path).Read(new ArchiveLogQuery()).Select(e => e.Message).ToList();
        File.AppendAllText(file, "\n");
        log.Information("after");

        var all = new ArchiveLogReader(temp.Path).Read(new ArchiveLogQuery()).Select(e => e.Message).ToList();

        Assert.Equal(["before"], tornAtEnd);
        Assert.Equal(["before", "after"], all);
    }

    [Fact]
    public void The_reader_filters_by_time_level_run_and_artist_and_keeps_the_last_n()
    {
        using var temp = new TempDirectory();
        var today = DateTime.UtcNow.Date;
        string Line(DateTime t, string level, long run, string artist, string message) =>
            string.Create(CultureInfo.InvariantCulture,
                $"{{\"@t\":\"{t:O}\",\"@m\":\"{message}\"{(level == "Information" ? "" : $",\"@l\":\"{level}\"")},\"RunId\":{run},\"Artist\":\"{artist}\"}}");
        File.WriteAllLines(DayFile(temp.Path, today), [
            Line(today.AddHours(1), "Information", 1, "Lettuce", "one"),
            Line(today.AddHours(2), "Warning", 1, "Lettuce", "two"),
            Line(today.AddHours(3), "Error", 2, "Grateful Dead", "three"),
            Line(today.AddHours(4), "Information", 2, "Grateful Dead", "four"),
            Line(today.AddHours(5), "Fatal", 3, "Lettuce", "five"),
        ]);
        var reader = new ArchiveLogReader(temp.Path);
        List<string> Read(ArchiveLogQuery q) => reader.Read(q).Select(e => e.Message).ToList();

        Assert.Equal(["two", "three", "five"], Read(new ArchiveLogQuery { MinimumLevel = "warning" }));
        Assert.Equal(["three", "four"], Read(new ArchiveLogQuery { RunId = 2 }));
        Assert.Equal(["one", "two", "five"], Read(new ArchiveLogQuery { Artist = "lettuce" }));
        Assert.Equal(["four", "five"], Read(new ArchiveLogQuery { Since = today.AddHours(3.5) }));
        Assert.Equal(["three", "five"], Read(new ArchiveLogQuery { MinimumLevel = "Error", Last = 2 }));
        Assert.Equal(DateTimeKind.Utc, reader.Read(new ArchiveLogQuery()).First().Time.Kind);
        var bad = Assert.Throws<ArgumentException>(() => Read(new ArchiveLogQuery { MinimumLevel = "loud" }));
        Assert.Contains("Verbose, Debug, Information, Warning, Error, Fatal", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_log_folder_reads_as_no_entries()
    {
        using var temp = new TempDirectory();
        Assert.Empty(new ArchiveLogReader(Path.Combine(temp.Path, "never-written")).Read(new ArchiveLogQuery()));
    }

    [Fact]
    public void The_database_password_never_reaches_the_file_from_a_message_a_property_or_an_exception()
    {
        using var temp = new TempDirectory();
        const string Password = "pa\"ss\\w0rd-S3cret";
        var target = DatabaseTarget.Parse($"Server=127.0.0.1;Port=1;Database=archive;User ID=importer;Password='{Password.Replace("'", "''", StringComparison.Ordinal)}'", temp.Path);
        var settings = new ArchiveImportSettings { HomeDirectory = temp.Path, Database = target };
        var services = new ArchiveServices(settings);
        var driverError = new InvalidOperationException($"Access denied (connection string: Server=127.0.0.1;Password={Password};Database=archive) at 127.0.0.1:1",
            new IOException($"inner also says {Password}"));

        services.Log.ForContext("Connection", $"Password={Password}").Error(driverError, "Cannot connect with " + Password + ": {Reason}", driverError.Message);

        var text = File.ReadAllText(Directory.GetFiles(settings.LogDirectory).Single());
        Assert.DoesNotContain("S3cret", text, StringComparison.Ordinal);
        var entry = Assert.Single(new ArchiveLogReader(settings.LogDirectory).Read(new ArchiveLogQuery()));
        Assert.Equal("Error", entry.Level);
        Assert.Contains("Cannot connect with ***", entry.Message, StringComparison.Ordinal);
        Assert.Contains("Password=***", entry.Exception, StringComparison.Ordinal);
        Assert.Contains("inner also says ***", entry.Exception, StringComparison.Ordinal);
    }
}
