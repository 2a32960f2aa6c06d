using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Imports;

/// <summary>
/// Workers on several machines share one catalog: the metadata one downloaded is populated by another (the catalog keeps
/// every body; a local file is a cache), shows downloaded before the catalog kept bodies still work, and import locks of
/// different catalogs on one server never meet.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class SharedMetadataTests(MariaDbFixture mariaDb)
{
    private const string Artist = "Grateful Dead";
    private const int Shows = 5;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_populate_on_another_home_reads_the_catalogs_copy_and_makes_it_its_local_file(string engine)
    {
        await using var archive = await ArchiveWithShowsAsync();
        var database = engine == "mariadb" ? await mariaDb.Server.CreateDatabaseAsync() : null;
        using var homeA = TestHome.Create(archive.BaseAddress, database);
        using var homeB = TestHome.Create(archive.BaseAddress, database ?? homeA.SqlitePath);
        var servicesA = Engines.Services(homeA);
        var identifiers = await DownloadAsync(servicesA);
        var servicesB = Engines.Services(homeB);
        Assert.False(Directory.Exists(homeB.MetadataDirectory));

        var run = Populate(servicesB, null, force: false, out var results);

        Assert.Equal((RunStatus.Completed, identifiers.Count, 0), (run.Status, run.ShowsProcessed, run.ShowsFailed));
        Assert.All(results, r => Assert.Equal(PopulateStatus.Populated, r.Status));
        foreach (var identifier in identifiers)
        {
            Assert.Equal(File.ReadAllBytes(servicesA.MetadataFiles.PathFor(Artist, identifier)), File.ReadAllBytes(servicesB.MetadataFiles.PathFor(Artist, identifier)));
        }

        // A local file that is not the catalog's body (damaged, or from another download) is replaced by it.
        var damaged = servicesB.MetadataFiles.PathFor(Artist, identifiers[0]);
        File.WriteAllText(damaged, """{"metadata":{"title":"not this show"}}""");
        Populate(servicesB, [identifiers[0]], force: true, out results);
        Assert.Equal(PopulateStatus.Populated, Assert.Single(results).Status);
        Assert.Equal(File.ReadAllBytes(servicesA.MetadataFiles.PathFor(Artist, identifiers[0])), File.ReadAllBytes(damaged));
        using var connection = servicesB.Database.Open();
        Assert.Equal(identifiers.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_show"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Shows_downloaded_before_the_catalog_kept_bodies_populate_from_their_files_and_the_next_download_stores_them_without_fetching(string engine)
    {
        await using var archive = await ArchiveWithShowsAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = Engines.Services(home);
        var identifiers = await DownloadAsync(services);
        using (var connection = services.Database.Open())
        {
            connection.Execute("DELETE FROM archivedotorg_show_metadata_content"); // as a catalog migrated from version 2 holds them
        }

        var run = Populate(services, null, force: false, out var results);
        Assert.Equal((RunStatus.Completed, identifiers.Count, 0), (run.Status, run.ShowsProcessed, run.ShowsFailed));
        Assert.All(results, r => Assert.Equal(PopulateStatus.Populated, r.Status));

        archive.ClearRequests();
        var reporter = new RecordingReporter();
        var download = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, download.Status);
        Assert.Equal(identifiers, reporter.Downloads.Where(d => d.Status == DownloadStatus.Unchanged).Select(d => d.Identifier).Order(StringComparer.Ordinal));
        Assert.True(identifiers.Count >= Shows);
        Assert.Equal(0, archive.CountRequests("/metadata/"));
        Assert.All(services.ShowMetadata.ForArtist(services.Artists.Find(Artist)!.Value, ShowMetadataStatus.Downloaded), row =>
            Assert.Equal(MetadataBodyCodec.Sha256(File.ReadAllBytes(services.MetadataFiles.PathFor(Artist, row.Identifier))), row.BodySha256));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_body_whose_compressed_copy_is_megabytes_is_kept_whole_and_a_damaged_copy_is_refused_naming_the_show(string engine)
    {
        using var home = await Engines.HomeAsync(engine, mariaDb, new Uri("http://127.0.0.1:9"));
        var services = Engines.Services(home);
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"noise\":\"{Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3_000_000))}\"}}");

        services.ShowMetadata.SaveBody("gd-huge", body, services.Now);

        var stored = services.ShowMetadata.GetBody("gd-huge")!;
        Assert.Equal(MetadataBodyCodec.Sha256(body), stored.Sha256);
        Assert.Equal(body, stored.Body);
        using (var connection = services.Database.Open())
        {
            connection.Execute("UPDATE archivedotorg_show_metadata_content SET body_gzip = @junk WHERE identifier = 'gd-huge'", new { junk = new byte[] { 1, 2, 3 } });
        }

        var error = Assert.Throws<InvalidDataException>(() => services.ShowMetadata.GetBody("gd-huge"));
        Assert.Contains("gd-huge", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invoke-ArchiveDownload", error.Message, StringComparison.Ordinal);
        Assert.Null(services.ShowMetadata.GetBody("gd-nothing"));
    }

    [Fact]
    public async Task Import_locks_and_worker_claims_of_two_catalogs_on_one_server_do_not_block_each_other()
    {
        using var homeOne = TestHome.Create(new Uri("http://127.0.0.1:9"), await mariaDb.Server.CreateDatabaseAsync());
        using var homeOther = TestHome.Create(new Uri("http://127.0.0.1:9"), await mariaDb.Server.CreateDatabaseAsync());
        var one = Engines.Services(homeOne);
        var other = Engines.Services(homeOther);
        var id = one.Artists.Ensure(Artist, "GratefulDead", one.Now);
        Assert.Equal(id, other.Artists.Ensure(Artist, "GratefulDead", other.Now));

        using (var download = one.Locks.TryAcquire(ImportKind.Download, id))
        using (var claim = one.Locks.TryClaim(id))
        {
            Assert.NotNull(download);
            Assert.NotNull(claim);
            Assert.Null(one.Locks.TryAcquire(ImportKind.Download, id));
            Assert.Null(one.Locks.TryClaim(id));
            Assert.True(one.Locks.IsHeld(ImportKind.Download, id));
            Assert.False(other.Locks.IsHeld(ImportKind.Download, id));
            using var otherDownload = other.Locks.TryAcquire(ImportKind.Download, id);
            using var otherClaim = other.Locks.TryClaim(id);
            Assert.NotNull(otherDownload);
            Assert.NotNull(otherClaim);
        }

        Assert.False(one.Locks.IsHeld(ImportKind.Download, id));
        using var again = one.Locks.TryClaim(id);
        Assert.NotNull(again);
    }

    private static ImportRun Populate(ArchiveServices services, IReadOnlyList<string>? identifiers, bool force, out List<PopulateResult> results)
    {
        var reporter = new RecordingReporter();
        using var job = new PopulateJob(services, reporter, new PopulateOptions(Force: force));
        job.Populate(Artist, identifiers, CancellationToken.None);
        var run = Assert.Single(job.End());
        results = reporter.Results.OfType<PopulateResult>().ToList();
        Assert.Empty(reporter.Errors);
        return run;
    }

    private static async Task<FakeArchiveOrg> ArchiveWithShowsAsync()
    {
        var archive = await FakeArchiveOrg.StartAsync();
        var body = File.ReadAllText(ImportPipelineTests.Fixture("gd73-06-10.sbd.hollister.174.sbeok.shnf.json"));
        for (var i = 0; i < Shows; i++)
        {
            archive.AddItem($"gd-shared.{i:00}", body.Replace("\"venue\": \"", $"\"venue\": \"#{i} ", StringComparison.Ordinal), "GratefulDead");
        }

        return archive;
    }

    private static async Task<List<string>> DownloadAsync(ArchiveServices services)
    {
        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        return reporter.Downloads.Where(d => d.Status == DownloadStatus.Downloaded).Select(d => d.Identifier).Order(StringComparer.Ordinal).ToList();
    }
}
