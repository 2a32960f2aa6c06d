using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.BadInput;

/// <summary>docs/SECURITY.md, identifiers and paths: a bad identifier fails its own show with the reason, and nothing is written anywhere.</summary>
public sealed class BadIdentifierTests
{
    private const string Artist = "Grateful Dead";
    private const string Good = "gd73-06-10.sbd.hollister.174.sbeok.shnf";

    public static TheoryData<string, string> Refused => new()
    {
        { new string('a', 300), $"'{new string('a', 300)}' is not an archive.org identifier: identifiers use only letters, digits, '.', '-' and '_' (at most 255)." },
        { "ok1\n", "'ok1\\u000a' is not an archive.org identifier" },
        { "C:\\Windows\\win.ini", "'C:\\Windows\\win.ini' is not an archive.org identifier" },
        { "CON", "'CON' cannot be a metadata file name: Windows reserves CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9 (with any extension) for devices." },
        { "nul.sbd.flac16", "'nul.sbd.flac16' cannot be a metadata file name: Windows reserves" },
        { "com1", "'com1' cannot be a metadata file name" },
        { "LPT9.x", "'LPT9.x' cannot be a metadata file name" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_identifier_given_by_hand_fails_that_show_with_its_reason_and_writes_nothing(string identifier, string message)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Identifiers: [identifier, Good]), reporter, CancellationToken.None);

        var error = Assert.Single(reporter.Errors);
        Assert.Equal((ProblemKind.InvalidArgument, "DownloadShowFailed"), (error.Kind, error.Id));
        Assert.Contains(message, error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal([DownloadStatus.Failed, DownloadStatus.Downloaded], reporter.Downloads.OrderBy(d => d.Identifier == Good).Select(d => d.Status));
        Assert.Equal(1, archive.CountRequests("/metadata/"));
        Assert.Equal([Path.Combine(home.MetadataDirectory, Artist, Good + ".json")], home.DataJsonFiles());
        Assert.Equal(ArchiveImport.Core.Storage.RunStatus.Completed, run.Status);
        Assert.Null(services.ShowMetadata.Get(identifier));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("CON")]
    [InlineData("_ok\n")]
    public async Task A_bad_identifier_in_archive_orgs_own_listing_fails_that_show_alone(string identifier)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem(identifier, File.ReadAllText(ImportPipelineTests.Fixture("gd70-10-23.aud.wolfson.15080.sbefail.shnf.json")), "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist), reporter, CancellationToken.None);

        var failed = Assert.Single(reporter.Downloads, d => d.Status == DownloadStatus.Failed);
        Assert.Equal(identifier, failed.Identifier);
        Assert.Equal(ProblemKind.InvalidArgument, Assert.Single(reporter.Errors).Kind);
        Assert.Equal(2, reporter.Downloads.Count(d => d.Status == DownloadStatus.Downloaded));
        Assert.Equal(ArchiveImport.Core.Storage.RunStatus.Completed, run.Status);
        var files = home.DataJsonFiles();
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.StartsWith(Path.Combine(home.MetadataDirectory, Artist) + Path.DirectorySeparatorChar, f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CON", "CON_")]
    [InlineData("Nul", "Nul_")]
    [InlineData("com1", "com1_")]
    [InlineData("Aux.Band", "Aux_.Band")]
    [InlineData("nul\0band", "nul_band")]
    [InlineData("Console", "Console")]
    [InlineData("COM10", "COM10")]
    public async Task An_artist_named_like_a_device_or_holding_NUL_gets_a_safe_folder_inside_the_metadata_folder(string artist, string folder)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        var yamlName = artist.Replace("\0", "\\0", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(home.ArtistConfigDirectory, "device.yaml"), $"name: \"{yamlName}\"\ncollection: GratefulDead\n");
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        await new DownloadJob(services).RunAsync(new DownloadRequest(artist, Limit: 1), reporter, CancellationToken.None);

        Assert.Empty(reporter.Errors);
        var file = Assert.Single(home.DataJsonFiles());
        Assert.Equal(Path.Combine(home.MetadataDirectory, folder), Path.GetDirectoryName(file));
        Assert.False(MetadataStore.IsWindowsDeviceName(folder));
        var populating = new RecordingReporter();
        using var job = new PopulateJob(services, populating);
        job.Populate(artist, null, CancellationToken.None);
        Assert.Equal(ArchiveImport.Core.Storage.RunStatus.Completed, Assert.Single(job.End()).Status);
        Assert.Equal(PopulateStatus.Populated, Assert.Single(populating.Results.OfType<PopulateResult>()).Status);
    }
}
