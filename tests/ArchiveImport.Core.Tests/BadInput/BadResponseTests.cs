using System.Text;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Metadata;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.Core.Tests.BadInput;

/// <summary>docs/SECURITY.md, archive.org responses: huge, deep and oddly typed bodies over real HTTP.</summary>
public sealed class BadResponseTests
{
    private const string Artist = "Grateful Dead";
    private const string Good = "gd73-06-10.sbd.hollister.174.sbeok.shnf";

    [Fact]
    public async Task A_50_MB_item_is_downloaded_whole_and_populated_with_its_text_clipped()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var padding = new string('p', 25 * 1024 * 1024); // twice over: 50 MB, under the client's 64 MiB cap
        var body = $$"""{"metadata": {"title": "Huge {{padding}}", "description": "{{padding}}", "mediatype": "etree"}, "files": [{"name": "gdhuge-d1t01.flac", "format": "Flac", "title": "Dark Star {{padding[..100_000]}}"}]}""";
        archive.AddItem("gd-huge", body, "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress, httpTimeoutSeconds: 60);
        var services = Engines.Services(home);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Identifiers: ["gd-huge"]), reporter, CancellationToken.None);

        Assert.Empty(reporter.Errors);
        Assert.Equal(ArchiveImport.Core.Storage.RunStatus.Completed, run.Status);
        var file = Path.Combine(home.MetadataDirectory, Artist, "gd-huge.json");
        Assert.Equal(Encoding.UTF8.GetByteCount(body), new FileInfo(file).Length);
        var populated = ImportPipelineTests.Populate(services, ["gd-huge"]);
        Assert.Equal(PopulateStatus.Populated, Assert.Single(populated).Status);
    }

    [Theory]
    [InlineData("10,000 levels deep", "depth")]
    [InlineData("50 MB of one unterminated string", "Expected end of string")]
    [InlineData("an HTML error page", "invalid start of a value")]
    [InlineData("two documents", "after a single JSON value")]
    public async Task A_body_that_never_parses_fails_its_show_once_and_the_run_and_the_store_go_on(string shape, string reason)
    {
        var body = shape switch
        {
            "10,000 levels deep" => "{\"metadata\":" + new string('[', 10_000) + new string(']', 10_000) + "}",
            "50 MB of one unterminated string" => "{\"metadata\": {\"title\": \"" + new string('x', 50 * 1024 * 1024),
            "an HTML error page" => "<html><body>502 Bad Gateway</body></html>",
            _ => "{} {}",
        };
        await using var archive = await FakeArchiveOrg.StartAsync();
        archive.AddItem("gd-bad", body, "GratefulDead");
        using var home = TestHome.Create(archive.BaseAddress, httpTimeoutSeconds: 60);
        var services = Engines.Services(home);
        await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Identifiers: [Good]), new RecordingReporter(), CancellationToken.None);
        var goodFile = Path.Combine(home.MetadataDirectory, Artist, Good + ".json");
        var goodBytes = File.ReadAllBytes(goodFile);

        var reporter = new RecordingReporter();
        var run = await new DownloadJob(services).RunAsync(new DownloadRequest(Artist, Force: true), reporter, CancellationToken.None);

        var error = Assert.Single(reporter.Errors);
        Assert.Equal("gd-bad", error.Target);
        Assert.StartsWith($"Run {run.Id} (download of 'Grateful Dead'), show gd-bad: archive.org's answer for item 'gd-bad' (/metadata/gd-bad) arrived complete but is not JSON that can be read: ", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, archive.CountRequests("/metadata/gd-bad"));
        Assert.Equal(ArchiveImport.Core.Storage.RunStatus.Completed, run.Status);
        Assert.Equal(2, reporter.Downloads.Count(d => d.Status is DownloadStatus.Downloaded or DownloadStatus.Unchanged));
        Assert.False(File.Exists(Path.Combine(home.MetadataDirectory, Artist, "gd-bad.json")));
        Assert.Equal(goodBytes, File.ReadAllBytes(goodFile));
        Assert.Empty(Directory.GetFiles(home.MetadataDirectory, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    public static TheoryData<string, string> WrongTypes()
    {
        var data = new TheoryData<string, string>();
        string[] shapes = ["{\"a\": {\"b\": 1}}", "true", "false", "null", "-1e309", "12345678901234567890123", "[[[\"x\"]]]", "[{}]", "\"\\u0000\""];
        foreach (var field in new[] { "title", "date", "venue", "coverage", "source", "taper", "lineage", "mediatype", "collection" })
        {
            foreach (var shape in shapes)
            {
                data.Add($"metadata.{field}", shape);
            }
        }

        foreach (var field in new[] { "title", "track", "length", "format", "source", "original" })
        {
            foreach (var shape in shapes)
            {
                data.Add($"files[].{field}", shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_field_of_the_wrong_type_is_read_as_text_or_left_out_and_never_fails_the_show(string field, string value)
    {
        var metadata = field.StartsWith("metadata.", StringComparison.Ordinal) ? $", \"{field["metadata.".Length..]}\": {value}" : "";
        var file = field.StartsWith("files[].", StringComparison.Ordinal) ? $", \"{field["files[].".Length..]}\": {value}" : "";
        var json = $$"""
            {"metadata": {"identifier": "gd77-05-08.x"{{metadata}}},
             "files": [{"name": "gd77-05-08d1t01.flac", "format": "Flac", "title": "Dark Star"{{(field == "files[].format" ? "" : file)}}},
                       {"name": "gd77-05-08d1t02.flac", "format": "Flac", "title": "St. Stephen"{{file}}}]}
            """;

        var parsed = ArchiveOrgFixtures.ParseText(json, "gd77-05-08.x");

        if (field is "metadata.mediatype" or "metadata.collection")
        {
            return; // a mediatype or collection of another type may make the item not importable; it must only not throw
        }

        Assert.True(parsed.IsImportable, parsed.NotImportableReason);
        Assert.Equal(new DateOnly(1977, 5, 8), parsed.Show!.Date);
        Assert.Equal(field == "files[].format" ? 1 : 2, parsed.Show.Tracks.Count); // a file without a text format is not audio
        Assert.Equal(field == "files[].title" ? null : "Dark Star", parsed.Show.Tracks[0].Title is "Dark Star" ? "Dark Star" : null);
    }
}
