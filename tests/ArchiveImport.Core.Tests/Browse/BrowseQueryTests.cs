using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using static ArchiveImport.Core.Tests.Browse.BrowseCatalog;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>
/// Get-ArchiveShow's filters, tracks with stream URLs and song histories, on both engines. The expected numbers were
/// worked out by hand from the fixtures' Ogg Vorbis lengths (decimal seconds, which the
/// parser takes before the VBR MP3's mm:ss), rounded to whole seconds half to even.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class BrowseQueryTests
{
    private readonly MariaDbFixture mariaDb;

    public BrowseQueryTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Filters_tracks_and_song_histories_answer_as_worked_out_by_hand(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        var services = await FillAsync(archive, home);
        var browse = services.Browser;
        string Dates(ShowQuery query) => string.Join(",", browse.Concerts(query).Select(c => c.Date));

        Assert.Equal("1970-10-23", Dates(new ShowQuery(Year: 1970)));
        Assert.Equal("1973-06-10", Dates(new ShowQuery([Artist], Year: 1973, Month: 6)));
        Assert.Equal("", Dates(new ShowQuery([Artist], Year: 1973, Month: 7)));
        Assert.Equal("1970-10-23,1973-06-10", Dates(new ShowQuery(Month: 10)) + "," + Dates(new ShowQuery(Month: 6)));
        Assert.Equal("1970-10-23", Dates(new ShowQuery(Venue: "*georgetown*")));
        Assert.Equal("1973-06-10", Dates(new ShowQuery(Venue: "robert f. kennedy stadium")));
        Assert.Equal("1973-06-10", Dates(new ShowQuery(Identifier: Matrix1973)));
        Assert.Equal("1973-06-10", Dates(new ShowQuery([Artist], Song: "dark star")));
        Assert.Equal("1970-10-23,1973-06-10", Dates(new ShowQuery([Artist], Song: "Sugar Magnolia")));
        Assert.Equal("", Dates(new ShowQuery([Artist], Song: "No Such Song")));
        Assert.Equal("1973-06-10", Dates(new ShowQuery(Source: "Matrix")));
        Assert.Equal("1970-10-23,1973-06-10", Dates(new ShowQuery(Source: "AUD")));
        Assert.Equal("", Dates(new ShowQuery(Source: "FM")));

        Assert.Equal(4, browse.Recordings(new ShowQuery([Artist])).Count);
        Assert.Equal([Audience1973, Audience1970], browse.Recordings(new ShowQuery(Source: "AUD")).Select(r => r.Identifier).Reverse());
        Assert.Equal([Matrix1973], browse.Recordings(new ShowQuery(Identifier: Matrix1973)).Select(r => r.Identifier));

        // Tracks of the preferred recordings: 15 + 31, not the 31 of each 1973 recording as well.
        Assert.Equal(46, browse.Tracks(new TrackQuery([Artist])).Count);
        var tracks = browse.Tracks(new TrackQuery(Identifier: Soundboard));
        Assert.Equal(Enumerable.Range(1, 31), tracks.Select(t => t.Position));
        var darkStar = tracks.Single(t => t.Title == "Dark Star >");
        Assert.Equal((3, true, "Exact"), (darkStar.Disc!.Value, darkStar.Segue, darkStar.MatchMethod));
        Assert.Equal("Dark Star", Assert.Single(darkStar.Songs).Song);
        Assert.True(darkStar.Songs[0].Segue);
        Assert.Equal(TimeSpan.FromSeconds(1581), darkStar.Duration); // 1580.53
        Assert.Equal(archive.BaseAddress.AbsoluteUri.TrimEnd('/') + $"/download/{Soundboard}/{darkStar.FileName}", darkStar.StreamUrl);
        Assert.False(tracks.Single(t => t.Title == "Truckin'").Segue);
        Assert.Equal([Soundboard], browse.Tracks(new TrackQuery([Artist], Song: "Dark Star")).Select(t => t.Identifier));
        Assert.Equal(31, browse.Tracks(new TrackQuery(Identifier: Matrix1973)).Count);

        var songs = browse.Songs([Artist], null).ToDictionary(s => s.Song);
        // Three recordings of 1973-06-10, one concert: played once. Its length is the soundboard's 1580.53 s.
        var dark = songs["Dark Star"];
        Assert.Equal((1, "1973-06-10", "1973-06-10", 0), (dark.TimesPlayed, dark.FirstPlayed, dark.LastPlayed, dark.CurrentGap));
        Assert.Equal(TimeSpan.FromSeconds(1581), dark.LongestLength);
        // 324.49 s in 1970, 593.93 s in 1973: average 459.21 s, longest 1973's.
        var sugar = songs["Sugar Magnolia"];
        Assert.Equal((2, "1970-10-23", "1973-06-10", 0), (sugar.TimesPlayed, sugar.FirstPlayed, sugar.LastPlayed, sugar.CurrentGap));
        Assert.Equal((TimeSpan.FromSeconds(459), TimeSpan.FromSeconds(594), "1973-06-10"), (sugar.AverageLength, sugar.LongestLength, sugar.LongestDate));
        Assert.Equal(["1970-10-23", "1973-06-10"], sugar.Shows);
        // Two Not Fade Away tracks a night: 127 + 213.61 = 340.61 s in 1970, 684.17 + 211.33 = 895.5 s in 1973; average 618.055 s.
        var nfa = songs["Not Fade Away"];
        Assert.Equal((2, TimeSpan.FromSeconds(618), TimeSpan.FromSeconds(896)), (nfa.TimesPlayed, nfa.AverageLength, nfa.LongestLength));
        // Played only in 1970 (337.18 s): one concert of the artist since.
        var casey = songs["Casey Jones"];
        Assert.Equal((1, "1970-10-23", 1, TimeSpan.FromSeconds(337)), (casey.TimesPlayed, casey.LastPlayed, casey.CurrentGap, casey.AverageLength));
        var never = songs.Values.First(s => s.TimesPlayed == 0);
        Assert.Equal((null, 0, 0), (never.LastPlayed, never.CurrentGap, never.Shows.Count));

        // One song's gap is counted by the database; every song's (above) from the concert dates read once.
        Assert.Equal((1, 0), (browse.Songs([Artist], "Casey Jones").Single().CurrentGap, browse.Songs([Artist], "Dark Star").Single().CurrentGap));
        Assert.Equal(["Dark Star"], browse.Songs([Artist], "dark s*").Select(s => s.Song));
        Assert.Contains("Dark Star", browse.SongNames([Artist]));
        Assert.Equal(["McDonough Arena, Georgetown U.", "Robert F. Kennedy Stadium"], browse.VenueNames([Artist]));
    }
}
