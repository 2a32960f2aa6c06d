using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Imports;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using static ArchiveImport.Core.Tests.Browse.BrowseCatalog;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>Recordings grouped into concerts, the preferred recording and the operator's override, on both engines.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ConcertModelTests
{
    private readonly MariaDbFixture mariaDb;

    public ConcertModelTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Three_items_of_one_night_are_one_concert_and_the_soundboard_is_preferred(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);

        var concerts = services.Browser.Concerts(new ShowQuery([Artist]));

        Assert.Equal(["1970-10-23", "1973-06-10"], concerts.Select(c => c.Date));
        var rfk = concerts[1];
        Assert.Equal(3, rfk.RecordingCount);
        // The audience tape is rated 4.9 with 25,000 downloads, the soundboard not at all: the source type decides first.
        Assert.Equal(Soundboard, rfk.Identifier);
        Assert.Equal("SBD", rfk.SourceType);
        Assert.Equal([Soundboard, Audience1973, Matrix1973], rfk.Recordings.Select(r => r.Identifier));
        Assert.Equal(["SBD", "AUD", "Matrix"], rfk.Recordings.Select(r => r.SourceType));
        Assert.Equal([true, false, false], rfk.Recordings.Select(r => r.IsPreferred));
        Assert.Equal(("Robert F. Kennedy Stadium", "Washington", "DC"), (rfk.Venue, rfk.City, rfk.Region));
        Assert.Equal("David Hollister and G.S. Hamilton", rfk.Transferer);
        Assert.Equal("SBD > MR (10'' reels) > DAT > CD > EAC > SHN", rfk.Lineage);
        Assert.Equal(31, rfk.TrackCount);
        Assert.Equal(archive.BaseAddress.AbsoluteUri.TrimEnd('/') + "/details/" + Soundboard, rfk.Url);
        Assert.True(rfk.Duration > TimeSpan.FromHours(2), $"duration {rfk.Duration}");
        Assert.InRange(rfk.MatchRate, 80m, 100m);

        var audience = rfk.Recordings[1];
        Assert.Equal((4.9, 12, 25000L), (audience.Rating!.Value, audience.Reviews!.Value, audience.Downloads!.Value));
        Assert.Equal("Synthetic Transfer", audience.Transferer);
        // The recorded 1970 item carries its 24 reviews themselves: their stars average 90 / 24.
        var wolfson = concerts[0].Preferred;
        Assert.Equal((3.75, 24), (wolfson.Rating!.Value, wolfson.Reviews!.Value));
        Assert.Null(wolfson.Downloads);
        Assert.Equal("AUD", wolfson.SourceType);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_operators_choice_wins_survives_a_forced_populate_and_can_be_handed_back(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);

        services.RecordingPreferences.Set(Matrix1973, prefer: true);
        Assert.Equal(Matrix1973, Rfk(services).Identifier);
        Assert.True(Rfk(services).Preferred.PreferredByOperator);

        // Choosing another recording of the same concert moves the choice; a re-populate of everything keeps it.
        services.RecordingPreferences.Set(Audience1973, prefer: true);
        ImportPipelineTests.Populate(services, [Soundboard, Audience1973, Matrix1973, Audience1970], force: true);
        var rfk = Rfk(services);
        Assert.Equal(Audience1973, rfk.Identifier);
        Assert.Equal([Audience1973], rfk.Recordings.Where(r => r.PreferredByOperator).Select(r => r.Identifier));

        services.RecordingPreferences.Set(Audience1973, prefer: false);
        Assert.Equal(Soundboard, Rfk(services).Identifier);

        var missing = Assert.Throws<KeyNotFoundException>(() => services.RecordingPreferences.Set("gd-no-such-item", prefer: true));
        Assert.Contains("gd-no-such-item", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Get-ArchiveRecording", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_recording_whose_date_changes_moves_to_its_new_concert_and_an_empty_concert_goes(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);

        // archive.org corrects the matrix's date to the night before: it becomes a concert of its own.
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "browse", Matrix1973 + ".json"))
            .Replace("\"date\": \"1973-06-10\"", "\"date\": \"1973-06-09\"", StringComparison.Ordinal);
        archive.AddItem(Matrix1973, body, "GratefulDead");
        await new ArchiveImport.Core.Imports.DownloadJob(services).RunAsync(new ArchiveImport.Core.Imports.DownloadRequest(Artist, Force: true), new RecordingReporter(), CancellationToken.None);
        ImportPipelineTests.Populate(services, [Matrix1973]);

        var concerts = services.Browser.Concerts(new ShowQuery([Artist]));
        Assert.Equal(["1970-10-23", "1973-06-09", "1973-06-10"], concerts.Select(c => c.Date));
        Assert.Equal([Matrix1973], concerts[1].Recordings.Select(r => r.Identifier));
        Assert.Equal(2, concerts[2].RecordingCount);

        // And back: the night before's concert is left without recordings and is deleted.
        archive.AddItem(Matrix1973, body.Replace("\"date\": \"1973-06-09\"", "\"date\": \"1973-06-10\"", StringComparison.Ordinal), "GratefulDead");
        await new ArchiveImport.Core.Imports.DownloadJob(services).RunAsync(new ArchiveImport.Core.Imports.DownloadRequest(Artist, Force: true), new RecordingReporter(), CancellationToken.None);
        ImportPipelineTests.Populate(services, [Matrix1973]);
        Assert.Equal(["1970-10-23", "1973-06-10"], services.Browser.Concerts(new ShowQuery([Artist])).Select(c => c.Date));
    }

    private static Concert Rfk(ArchiveServices services) =>
        services.Browser.Concerts(new ShowQuery([Artist], Year: 1973)).Single();
}
