using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Microsoft.Data.Sqlite;

namespace ArchiveImport.Core.Tests.Faults;

/// <summary>
/// docs/SECURITY.md, a partly corrupt SQLite catalog (its middle third overwritten): download, populate and health refuse
/// it with what to do, nothing is written, and once the backup is back the next runs go on from where it was.
/// </summary>
public sealed class CorruptCatalogTests
{
    private const string Artist = "Grateful Dead";

    // The middle third holds pages that opening the file already reads; the last third only table and index pages,
    // which opening never touches, so only quick_check finds them.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_catalog_with_a_third_overwritten_is_refused_by_download_populate_and_health_until_restored(int third)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var identifiers = ArchiveOrgFaultMixTests.AddShows(archive, 60);
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Limit: 40), new RecordingReporter(), CancellationToken.None);
        ImportPipelineTests.Populate(services, identifiers.Take(40));
        SqliteConnection.ClearAllPools(); // the last connection checkpoints the WAL into the file
        var backup = home.SqlitePath + ".backup";
        File.Copy(home.SqlitePath, backup);
        OverwriteThird(home.SqlitePath, third);
        var metadata = MetadataFiles(home);
        archive.ClearRequests();

        var health = new HealthService(services).Run().ToList();
        var database = Assert.Single(health, r => r.Id == "database");
        Assert.Equal(HealthStatus.Fail, database.Status);
        Assert.StartsWith($"The SQLite catalog {home.SqlitePath} is damaged (SQLite found: ", database.Message);
        Assert.Contains("restore the file from your latest backup", database.Message);
        // Which pages a third holds depends on the file's layout: SQLite finds the damage when opening or in quick_check.
        Assert.True(
            database.Message.Contains("database disk image is malformed", StringComparison.Ordinal) ||
            database.Message.Contains("*** in database main ***", StringComparison.Ordinal), database.Message);

        var download = await Assert.ThrowsAsync<CatalogUnavailableException>(
            () => new DownloadJob(services).RunAsync(new DownloadRequest(Artist), new RecordingReporter(), CancellationToken.None));
        Assert.Equal(CatalogProblem.NotADatabase, download.Problem);
        Assert.Equal(database.Message, download.Message);

        using (var job = new PopulateJob(services, new RecordingReporter()))
        {
            var populate = Assert.Throws<CatalogUnavailableException>(() => job.Populate(Artist, null, CancellationToken.None));
            Assert.Equal(database.Message, populate.Message);
            Assert.Empty(job.End());
        }

        Assert.Empty(archive.Requests);
        Assert.Equal(metadata, MetadataFiles(home));

        SqliteConnection.ClearAllPools();
        File.Copy(backup, home.SqlitePath, overwrite: true);
        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(20, reporter.Downloads.Count(d => d.Status == DownloadStatus.Downloaded));
        Assert.Equal(40, reporter.Downloads.Count(d => d.Status == DownloadStatus.Unchanged));
        var populated = ImportPipelineTests.Populate(services, identifiers);
        Assert.Equal(20, populated.Count(p => p.Status == PopulateStatus.Populated));
        Assert.Equal(40, populated.Count(p => p.Status == PopulateStatus.Unchanged));
        Assert.Equal(HealthStatus.Pass, new HealthService(services).Run().Single(r => r.Id == "database").Status);
    }

    private static void OverwriteThird(string path, int third)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        var junk = new byte[file.Length / 3];
        new Random(7).NextBytes(junk);
        file.Position = third * (file.Length / 3);
        file.Write(junk);
    }

    private static Dictionary<string, string> MetadataFiles(TestHome home) =>
        Directory.GetFiles(home.MetadataDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
