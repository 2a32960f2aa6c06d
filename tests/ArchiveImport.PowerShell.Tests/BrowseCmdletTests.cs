using System.Management.Automation;
using System.Text.RegularExpressions;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// Browsing the catalog in the real engine: Get-ArchiveShow | Get-ArchiveTrack and Get-ArchiveSong | Get-ArchiveShow by
/// property name, the operator's preferred recording with -WhatIf, errors, completion and the views in 80 columns.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class BrowseCmdletTests
{
    private const string Soundboard = "gd73-06-10.sbd.hollister.174.sbeok.shnf";
    private const string Audience1973 = "gd1973-06-10.aud.synthetic.flac16";

    private readonly MariaDbFixture mariaDb;

    public BrowseCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Shows_pipe_into_tracks_and_songs_into_shows(string engine)
    {
        await using var archive = await StartArchiveAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = Populated(home, engine);

        var concerts = ps.Invoke("Get-ArchiveShow 'Grateful Dead'").ThrowIfFailed().Objects<Concert>().ToList();
        Assert.Equal(["1970-10-23", "1973-06-10"], concerts.Select(c => c.Date));
        Assert.Equal(3, concerts[1].RecordingCount);

        var tracks = ps.Invoke("Get-ArchiveShow 'Grateful Dead' -Year 1973 | Get-ArchiveTrack").ThrowIfFailed().Objects<ConcertTrack>().ToList();
        Assert.Equal(31, tracks.Count);
        Assert.All(tracks, t => Assert.Equal(Soundboard, t.Identifier));
        Assert.All(tracks, t => Assert.StartsWith(archive.BaseAddress.AbsoluteUri + "download/" + Soundboard + "/", t.StreamUrl, StringComparison.Ordinal));

        var viaSong = ps.Invoke("Get-ArchiveSong 'Sugar Magnolia' | Get-ArchiveShow").ThrowIfFailed().Objects<Concert>().ToList();
        Assert.Equal(["1970-10-23", "1973-06-10"], viaSong.Select(c => c.Date));
        Assert.Equal(["1973-06-10"], ps.Invoke("Get-ArchiveSong 'Dark Star' | Get-ArchiveShow").ThrowIfFailed().Objects<Concert>().Select(c => c.Date));

        var song = ps.Invoke("Get-ArchiveSong 'dark star' -Artist 'Grateful Dead'").ThrowIfFailed().Objects<SongHistory>().Single();
        Assert.Equal((1, "1973-06-10"), (song.TimesPlayed, song.LastPlayed));

        var recordings = ps.Invoke("Get-ArchiveRecording -Source AUD").ThrowIfFailed().Objects<Recording>().ToList();
        Assert.Equal(2, recordings.Count);
        Assert.All(recordings, r => Assert.Equal("AUD", r.SourceType));
    }

    [Fact]
    public async Task The_operators_preference_honours_WhatIf_and_wins_and_an_unknown_recording_is_a_clear_error()
    {
        await using var archive = await StartArchiveAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Populated(home, "sqlite");

        ps.Invoke($"Set-ArchiveRecordingPreference {Audience1973} -WhatIf").ThrowIfFailed();
        Assert.Equal(Soundboard, PreferredOf1973(ps));

        var set = ps.Invoke($"Get-ArchiveRecording -Identifier {Audience1973} | Set-ArchiveRecordingPreference").ThrowIfFailed().Objects<Recording>().Single();
        Assert.True(set.IsPreferred && set.PreferredByOperator);
        Assert.Equal(Audience1973, PreferredOf1973(ps));

        ps.Invoke($"Set-ArchiveRecordingPreference {Audience1973} -Clear").ThrowIfFailed();
        Assert.Equal(Soundboard, PreferredOf1973(ps));

        var missing = ps.Invoke("Set-ArchiveRecordingPreference gd-no-such-item");
        var error = Assert.Single(missing.Errors);
        Assert.Equal("RecordingNotFound,ArchiveImport.PowerShell.Commands.SetArchiveRecordingPreferenceCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Get-ArchiveRecording", error.Exception.Message, StringComparison.Ordinal);

        var noTracks = ps.Invoke("Get-ArchiveTrack -Identifier gd-no-such-item");
        Assert.Equal("RecordingNotFound,ArchiveImport.PowerShell.Commands.GetArchiveTrackCommand", Assert.Single(noTracks.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Song_venue_and_artist_names_complete_and_the_views_fit_80_columns()
    {
        await using var archive = await StartArchiveAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Populated(home, "sqlite");

        string[] Complete(string line) => ps.Invoke($"(TabExpansion2 -inputScript \"{line}\" -cursorColumn {line.Length}).CompletionMatches.CompletionText")
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToArray();
        Assert.Equal(["'Dark Star'"], Complete("Get-ArchiveSong 'Dark S"));
        Assert.Contains("'Dark Star'", Complete("Get-ArchiveShow -Artist 'Grateful Dead' -Song Dark"));
        Assert.Equal(["'Robert F. Kennedy Stadium'"], Complete("Get-ArchiveShow -Venue Rob"));
        Assert.Equal(["'Grateful Dead'"], Complete("Get-ArchiveTrack Grat"));

        var text = string.Join('\n', ps.Invoke("""
            Get-ArchiveShow | Out-String -Width 80
            Get-ArchiveRecording | Out-String -Width 80
            Get-ArchiveTrack -Identifier gd70-10-23.aud.wolfson.15080.sbefail.shnf | Out-String -Width 80
            Get-ArchiveSong 'Not Fade Away' | Out-String -Width 80
            """).ThrowIfFailed().Output.Select(o => o.ToString()));
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length}: {line}"));
        Assert.Matches(@"Date\s+Artist\s+Venue\s+Source\s+Recs\s+Tracks\s+Match %", text);
        Assert.Contains(Soundboard, text);
        Assert.Matches(@"Pos\s+Disc\s+Title\s+Length\s+Method", text);
        Assert.Matches(@"Not Fade Away\s+Grateful Dead\s+2\s+1970-10-23\s+1973-06-10\s+0", text);

        // As a list, a concert names its recordings rather than their type.
        var list = string.Join('\n', ps.Invoke($"Get-ArchiveShow -Identifier {Soundboard} | Format-List Preferred, Recordings | Out-String -Width 200")
            .ThrowIfFailed().Output.Select(o => o.ToString()));
        Assert.Matches($@"Preferred\s+: {Regex.Escape(Soundboard)} \(SBD\)", list);
        Assert.Contains($"{Soundboard} (SBD)", list[list.IndexOf("Recordings", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("ArchiveImport.Core", list);
    }

    private static async Task<FakeArchiveOrg> StartArchiveAsync()
    {
        var archive = await FakeArchiveOrg.StartAsync();
        foreach (var identifier in new[] { Audience1973, "gd1973-06-10.mtx.synthetic.flac16" })
        {
            archive.AddItem(identifier, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "browse", identifier + ".json")), "GratefulDead");
        }

        return archive;
    }

    private static PowerShellSession Populated(TestHome home, string engine)
    {
        var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        return ps;
    }

    private static string PreferredOf1973(PowerShellSession ps) =>
        ps.Invoke("Get-ArchiveShow -Year 1973").ThrowIfFailed().Objects<Concert>().Single().Identifier;
}
