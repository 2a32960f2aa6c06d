using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>
/// The small catalog the browse tests read: the two recorded Grateful Dead items of the fake archive.org plus the two
/// synthetic recordings of 1973-06-10 in tests/fixtures/browse (an audience tape rated higher than the soundboard, and
/// a matrix), downloaded and populated for real.
/// </summary>
internal static class BrowseCatalog
{
    public const string Artist = "Grateful Dead";
    public const string Soundboard = "gd73-06-10.sbd.hollister.174.sbeok.shnf";
    public const string Audience1973 = "gd1973-06-10.aud.synthetic.flac16";
    public const string Matrix1973 = "gd1973-06-10.mtx.synthetic.flac16";
    public const string Audience1970 = "gd70-10-23.aud.wolfson.15080.sbefail.shnf";

    public static void AddSyntheticItems(FakeArchiveOrg archive)
    {
        foreach (var identifier in new[] { Audience1973, Matrix1973 })
        {
            archive.AddItem(identifier, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "browse", identifier + ".json")), "GratefulDead");
        }
    }

    public static async Task<ArchiveServices> FillAsync(FakeArchiveOrg archive, TestHome home)
    {
        AddSyntheticItems(archive);
        var services = Engines.Services(home);
        var reporter = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);
        Assert.Empty(reporter.Errors);
        var populated = ImportPipelineTests.Populate(services, reporter.Downloads.Select(d => d.Identifier));
        Assert.Equal(4, populated.Count(p => p.Status == PopulateStatus.Populated));
        return services;
    }
}
