using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ArchiveImport.Core.Tests.Faults;

/// <summary>
/// docs/SECURITY.md, a full disk, made real with a small tmpfs: under the metadata folder, and under the SQLite file.
/// Each run ends failed with the real cause and what to do, keeps only whole files and whole shows, and once there is
/// room again the next run finishes the job.
/// </summary>
public sealed class DiskFullTests
{
    private const string Artist = "Grateful Dead";
    private const int Shows = 60;
    [Fact]
    public async Task A_full_metadata_disk_ends_the_download_failed_naming_the_folder_leaves_whole_files_and_the_next_run_resumes()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, Shows);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        using var disk = TmpfsMount.Mount(home.MetadataDirectory, 1024 * 1024);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Matches(
            $@"^Run {run.Id} \(download of 'Grateful Dead'\) stopped at show gd-fault\.\d\d\d: the disk holding {Escape(home.MetadataDirectory)} is full " +
            @"\(No space left on device : '.+\.partial'\); nothing of that show was kept\. Free space there \(or move the folder to a larger disk\), " +
            @"then run Invoke-ArchiveDownload -Artist 'Grateful Dead' again to resume; shows already downloaded and unchanged are skipped\.$",
            run.ErrorMessage);
        Assert.Equal("DownloadRunFailed", reporter.Errors[^1].Id);
        Assert.Equal(run.ErrorMessage, reporter.Errors[^1].Exception.Message);
        var kept = AssertWholeFilesOnly(services, home);
        Assert.InRange(kept, 1, Shows - 1);
        Assert.DoesNotContain(services.Runs.Running(), r => r.Id == run.Id);

        disk.Resize(64 * 1024 * 1024);
        var again = new RecordingReporter();
        var rerun = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), again, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, rerun.Status);
        Assert.Empty(again.Errors);
        Assert.Equal(kept, again.Downloads.Count(d => d.Status == DownloadStatus.Unchanged));
        Assert.Equal(Shows, AssertWholeFilesOnly(services, home));
    }

    [Fact]
    public async Task A_full_disk_under_the_SQLite_file_ends_the_populate_failed_with_the_cause_keeps_whole_shows_and_the_next_run_resumes()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, Shows);
        var folder = Path.Combine(Path.GetTempPath(), "aidb-" + Guid.NewGuid().ToString("N")[..12]);
        using var disk = TmpfsMount.Mount(folder, 64 * 1024 * 1024);
        using var home = TestHome.Create(archive.BaseAddress, Path.Combine(folder, "archive.db"));
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None);
        var drive = new DriveInfo(folder);
        disk.Resize(drive.TotalSize - drive.AvailableFreeSpace + 256 * 1024); // room for the song list, not for every show

        var reporter = new RecordingReporter();
        Exception? unrecorded;
        using (var job = new PopulateJob(services, reporter))
        {
            unrecorded = Record.Exception(() =>
            {
                job.Populate(Artist, null, CancellationToken.None);
                job.End();
            });
        }

        var full = $"the disk holding the SQLite catalog {Path.Combine(folder, "archive.db")} is full (SQLite Error 13: 'database or disk is full'); free space there";
        var run = services.Runs.Find(new RunFilter()).Single(r => r.Kind == ImportKind.Populate);
        Assert.NotEmpty(reporter.Errors);
        Assert.All(reporter.Errors.SkipLast(1), e => Assert.Contains(full, e.Exception.Message));
        if (unrecorded is null)
        {
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Contains(full, run.ErrorMessage);
        }
        else
        {
            // The full disk refused the run's last write too: the error says so, and the next run marks the row.
            Assert.IsType<ImportRunFailedException>(unrecorded);
            Assert.StartsWith($"Run {run.Id} (populate of 'Grateful Dead') ended failed (", unrecorded.Message);
            Assert.Contains($"but the catalog database refused to record that: {full}. It shows as running until the next populate", unrecorded.Message);
            Assert.Equal(RunStatus.Running, run.Status);
        }

        disk.Resize(64 * 1024 * 1024);
        var populated = ImportPipelineTests.Populate(services, identifiers);
        Assert.All(populated, p => Assert.Contains(p.Status, new[] { PopulateStatus.Populated, PopulateStatus.Unchanged }));
        Assert.Equal(Shows, populated.Count);
        using (var connection = services.Database.Open())
        {
            Assert.Equal(Shows, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM catalog_show"));
        }

        Assert.Equal(RunStatus.Failed, services.Runs.Get(run.Id)!.Status);
        Assert.Empty(services.Runs.Running());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Every metadata file is whole and has its row, every row its file, and no temporary file is left; returns how many.</summary>
    private static int AssertWholeFilesOnly(ArchiveServices services, TestHome home)
    {
        var folder = Path.Combine(home.MetadataDirectory, Artist);
        Assert.Empty(Directory.GetFiles(home.MetadataDirectory, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
        var rows = services.ShowMetadata.ForArtist(services.Artists.Find(Artist)!.Value).ToList();
        Assert.Equal(rows.Select(r => r.Identifier + ".json").Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.All(rows, r => Assert.Equal(r.ContentHash, ContentHash.Compute(File.ReadAllBytes(Path.Combine(folder, r.Identifier + ".json")))));
        return rows.Count;
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
