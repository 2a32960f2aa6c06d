using ArchiveImport.Core.ArtistConfigs;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Matching;
using ArchiveImport.Core.Matching.Benchmarking;
using ArchiveImport.Core.Operations;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Commands;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>Get-ArchiveTrackMatch, Add-ArchiveTrackAlias, New-ArchiveArtistConfig and Measure-ArchiveMatching in the engine.</summary>
[Collection(CmdletCollection.Name)]
public sealed class MatchingCmdletTests
{
    private readonly MariaDbFixture mariaDb;

    public MatchingCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Fact]
    public async Task Track_match_explains_what_the_matcher_would_do_with_each_title()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var reports = ps.Invoke("""
            'd1t03 Dark Star >', 'Scarlet Begonias > Fire on the Mountain', 'E: Johnny B. Goode', 'GDTRFB', 'Tuning',
            'Casey Jonse', 'Dark Stat', "Playin' In The Band ->" | Get-ArchiveTrackMatch -Artist 'Grateful Dead'
            """).ThrowIfFailed().Objects<TrackMatchReport>().ToDictionary(r => r.Title);

        Assert.Equal(8, reports.Count);
        Assert.Equal((nameof(MatchMethod.Exact), true), (reports["d1t03 Dark Star >"].Method, reports["d1t03 Dark Star >"].Segue));
        Assert.Equal("Dark Star", reports["d1t03 Dark Star >"].Songs);
        Assert.Equal("Scarlet Begonias > Fire on the Mountain", reports["Scarlet Begonias > Fire on the Mountain"].Songs);
        Assert.Equal(nameof(MatchMethod.Exact), reports["E: Johnny B. Goode"].Method);
        Assert.Equal(nameof(MatchMethod.Alias), reports["GDTRFB"].Method);
        Assert.Equal(nameof(MatchMethod.Ignored), reports["Tuning"].Method);
        Assert.Equal((nameof(MatchMethod.Phonetic), "Casey Jones"), (reports["Casey Jonse"].Method, reports["Casey Jonse"].Songs));
        Assert.Equal(nameof(MatchMethod.Unmatched), reports["Dark Stat"].Method);
        Assert.StartsWith("Dark Star (", reports["Dark Stat"].Suggestions);
        Assert.True(reports["Playin' In The Band ->"].Segue);
    }

    [Fact]
    public async Task Titles_that_sound_like_several_songs_are_ambiguous_and_list_every_candidate()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        File.WriteAllText(Path.Combine(home.ArtistConfigDirectory, "rider-band.yaml"), """
            name: Rider Band
            collection: RiderBand
            tracks:
              - key: night_rider
                name: Night Rider
              - key: knight_rider
                name: Knight Rider
              - key: nite_ryder
                name: Nite Ryder
            """);
        using var ps = new PowerShellSession(home.Path);

        var report = ps.Invoke("Get-ArchiveTrackMatch -Artist 'Rider Band' -Title 'Nite Rider'").ThrowIfFailed().Objects<TrackMatchReport>().Single();

        Assert.Equal(nameof(MatchMethod.Ambiguous), report.Method);
        Assert.Empty(report.Songs);
        Assert.Equal(["knight_rider", "night_rider", "nite_ryder"], report.Segments.Single().Suggestions.Select(s => s.Song.Key).Order());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Unmatched_titles_become_aliases_in_the_YAML_and_populate_matches_them(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var misspelt = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"))
            .Replace("Dark Star", "Dark Stat", StringComparison.Ordinal);
        archive.AddItem("gd73-06-10.misspelt", misspelt, "GratefulDead");
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var config = Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");
        var before = File.ReadAllLines(config);

        var outcome = ps.Invoke("Get-ArchiveUnmatched -Artist 'Grateful Dead' | Where-Object SuggestedMatch | Add-ArchiveTrackAlias -Populate").ThrowIfFailed();

        var alias = Assert.Single(outcome.Objects<AliasResult>());
        Assert.Equal(("dark-star", "dark stat", true, 1), (alias.Song, alias.Alias, alias.Added, alias.Resolved));
        var repopulated = Assert.Single(outcome.Objects<PopulateResult>());
        Assert.Equal(("gd73-06-10.misspelt", 0), (repopulated.Identifier, repopulated.Unmatched));
        Assert.Empty(ps.Invoke("Get-ArchiveUnmatched -Artist 'Grateful Dead'").ThrowIfFailed().Output);
        Assert.Single(ps.Invoke("Get-ArchiveUnmatched -Artist 'Grateful Dead' -IncludeResolved").ThrowIfFailed().Objects<UnmatchedTrack>(), u => u.Resolved);

        // Resolved counts the unmatched titles each alias resolved: none for one already resolved or one never unmatched.
        var again = ps.Invoke("Add-ArchiveTrackAlias -Artist 'Grateful Dead' -Song dark-star -Alias 'dark stat', 'dark starz'").ThrowIfFailed().Objects<AliasResult>().ToList();
        Assert.Equal([("dark stat", false, 0), ("dark starz", true, 0)], again.Select(a => (a.Alias, a.Added, a.Resolved)));

        var after = File.ReadAllLines(config);
        Assert.Equal(before.Where(l => l.TrimStart().StartsWith('#')), after.Where(l => l.TrimStart().StartsWith('#'))); // comments intact
        Assert.InRange(after.Length - before.Length, 0, 1);
        Assert.Contains(ArtistConfigStore.Load(config).Songs.Single(s => s.Key == "dark-star").Aliases, a => a == "dark stat");
    }

    [Fact]
    public async Task A_bad_song_key_is_a_clear_error_and_leaves_the_file_untouched()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        var config = Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");
        var before = File.ReadAllBytes(config);

        var outcome = ps.Invoke("Add-ArchiveTrackAlias -Artist 'Grateful Dead' -Song 'dark-stair' -Alias 'dark stat'");

        var error = Assert.Single(outcome.Errors);
        Assert.Contains("dark-stair", error.Exception.Message);
        Assert.Contains("dark-star", error.Exception.Message);
        Assert.Equal(before, File.ReadAllBytes(config));
    }

    [Fact]
    public async Task A_new_artist_config_is_bootstrapped_from_downloaded_metadata()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        File.Delete(Path.Combine(home.ArtistConfigDirectory, "yonder-mountain-string-band.yaml"));
        using var ps = new PowerShellSession(home.Path);

        var minimal = ps.Invoke("New-ArchiveArtistConfig -Artist 'Yonder Mountain String Band' -Collection YonderMountainStringBand")
            .ThrowIfFailed().Objects<ArtistConfigFile>().Single();
        Assert.Equal(0, minimal.Songs);
        ps.Invoke("Invoke-ArchiveDownload -Artist 'Yonder Mountain String Band'").ThrowIfFailed();

        var refused = ps.Invoke("New-ArchiveArtistConfig -Artist 'Yonder Mountain String Band' -FromMetadata");
        Assert.StartsWith("ConfigExists,", Assert.Single(refused.Errors).FullyQualifiedErrorId);

        var written = ps.Invoke("New-ArchiveArtistConfig -Artist 'Yonder Mountain String Band' -FromMetadata -Force")
            .ThrowIfFailed().Objects<ArtistConfigFile>().Single();

        Assert.Equal((1, 27), (written.ShowsRead, written.TracksRead));
        var config = ArtistConfigStore.Load(written.Path);
        Assert.Equal("YonderMountainStringBand", config.Collection);
        Assert.Contains(config.Songs, s => s.Name == "Years With Rose");
        Assert.Contains(config.Songs, s => s.Name == "Good Hearted Woman");
        Assert.DoesNotContain(config.Songs, s => s.Name.Contains("Tuning", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(written.Path + ".bak"));
    }

    [Fact]
    public async Task Measure_reports_each_step_and_the_total_with_index_figures()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var steps = ps.Invoke("Measure-ArchiveMatching -Tracks 2000 -CatalogSize 5000").ThrowIfFailed().Objects<MatchingMeasurement>().ToList();

        Assert.Equal(["Normalize", "Exact", "Alias", "Phonetic", "Suggest", "Total"], steps.Select(s => s.Method));
        var total = steps[^1];
        Assert.Equal(2000, total.Tracks);
        Assert.True(total.IndexBuildMilliseconds > 0);
        Assert.True(total.IndexBytes > 0);
        Assert.All(steps, s => Assert.True(s.TotalMilliseconds >= 0));
        Assert.True(steps[2].Tracks < steps[1].Tracks, "exact matching should have settled most titles");
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Alias_suggestions_pipe_into_Add_ArchiveTrackAlias_and_the_titles_then_match(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        var retitled = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"))
            .Replace("Dark Star", "Dark Stat", StringComparison.Ordinal)
            .Replace("\"Stella Blue\"", "\"Stella\"", StringComparison.Ordinal);
        archive.AddItem("gd73-06-10.retitled", retitled, "GratefulDead");
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        var config = Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml");
        var before = File.ReadAllBytes(config);

        var suggestions = ps.Invoke("Get-ArchiveAliasSuggestion 'Grateful Dead'").ThrowIfFailed().Objects<AliasSuggestion>().ToDictionary(s => s.Alias);
        Assert.Equal(("dark-star", AliasKind.Misspelling, 1), (suggestions["dark stat"].Song, suggestions["dark stat"].Kind, suggestions["dark stat"].Occurrences));
        Assert.Equal(("stella-blue", AliasKind.TrailingWordsDropped), (suggestions["stella"].Song, suggestions["stella"].Kind));
        Assert.All(suggestions.Values, s => Assert.Equal("Grateful Dead", s.Artist));
        Assert.All(suggestions.Values, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));

        var whatIf = ps.Invoke("Get-ArchiveAliasSuggestion 'Grateful Dead' | Add-ArchiveTrackAlias -WhatIf").ThrowIfFailed();
        Assert.Empty(whatIf.Objects<AliasResult>());
        Assert.Equal(before, File.ReadAllBytes(config));
        Assert.Equal(2, ps.Invoke("Get-ArchiveUnmatched 'Grateful Dead'").ThrowIfFailed().Objects<UnmatchedTrack>().Count());

        var added = ps.Invoke("Get-ArchiveAliasSuggestion 'Grateful Dead' | Add-ArchiveTrackAlias -Populate").ThrowIfFailed();
        Assert.Equal(["dark stat", "stella"], added.Objects<AliasResult>().Select(a => a.Alias).Order());
        Assert.Equal(("gd73-06-10.retitled", 0), added.Objects<PopulateResult>().Select(p => (p.Identifier, p.Unmatched)).Single());
        Assert.Empty(ps.Invoke("Get-ArchiveUnmatched 'Grateful Dead'").ThrowIfFailed().Output);
        Assert.Empty(ps.Invoke("Get-ArchiveAliasSuggestion 'Grateful Dead'").ThrowIfFailed().Output);
    }

    [Fact]
    public async Task Alias_suggestions_for_an_unknown_artist_are_an_error_and_the_others_still_come()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = new PowerShellSession(home.Path);

        var outcome = ps.Invoke("Get-ArchiveAliasSuggestion -Artist 'No Such Band', 'Grateful Dead'");

        Assert.StartsWith("ArtistNotConfigured,", Assert.Single(outcome.Errors).FullyQualifiedErrorId);
        Assert.Empty(outcome.Output);
    }
}
