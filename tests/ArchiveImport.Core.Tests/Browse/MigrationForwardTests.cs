using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;
using Dapper;
using static ArchiveImport.Core.Tests.Browse.BrowseCatalog;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>
/// A catalog populated before migration 8 moves forward on the next populate with nothing downloaded:
/// tests/fixtures/catalogs/pre-m0008-grateful-dead.db was written by the code before this change (download + populate
/// of the four Grateful Dead items, schema version 5, no metadata files kept beside it).
/// </summary>
public sealed class MigrationForwardTests
{
    [Fact]
    public void The_next_populate_fills_concerts_and_recordings_from_the_bodies_the_catalog_keeps()
    {
        // Port 9 (discard) on loopback: nothing listens, so any request to archive.org would fail the populate.
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9"));
        Directory.CreateDirectory(Path.GetDirectoryName(home.SqlitePath)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "catalogs", "pre-m0008-grateful-dead.db"), home.SqlitePath);
        var services = Engines.Services(home);

        using (var connection = services.Database.Open())
        {
            Assert.Equal(SchemaMigrator.LatestVersion, connection.ExecuteScalar<long>("SELECT MAX(version) FROM archivedotorg_schema_version"));
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_concert"));
            Assert.Equal(4, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_show WHERE concert_id IS NULL"));
        }

        var reporter = new RecordingReporter();
        using (var job = new PopulateJob(services, reporter))
        {
            job.Populate(Artist, null, CancellationToken.None);
            Assert.Equal(RunStatus.Completed, Assert.Single(job.End()).Status);
        }

        Assert.Empty(reporter.Errors);
        Assert.All(reporter.Results.OfType<PopulateResult>(), r => Assert.Equal(PopulateStatus.Populated, r.Status));
        Assert.Equal(4, reporter.Results.OfType<PopulateResult>().Count());
        var concerts = services.Browser.Concerts(new ShowQuery([Artist]));
        Assert.Equal(["1970-10-23", "1973-06-10"], concerts.Select(c => c.Date));
        Assert.Equal(Soundboard, concerts[1].Identifier);
        Assert.Equal(["SBD", "AUD", "Matrix"], concerts[1].Recordings.Select(r => r.SourceType));
        Assert.Equal(4.9, concerts[1].Recordings[1].Rating);

        // Moved forward once: the populate after it finds nothing to do.
        var again = new RecordingReporter();
        using (var job = new PopulateJob(services, again))
        {
            job.Populate(Artist, null, CancellationToken.None);
            job.End();
        }

        Assert.All(again.Results.OfType<PopulateResult>(), r => Assert.Equal(PopulateStatus.Unchanged, r.Status));
    }
}
