using System.Management.Automation;
using ArchiveImport.Core.Storage;
using ArchiveImport.PowerShell.Tests.Support;
using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests;

/// <summary>
/// Artwork in the real engine: concerts pipe into Get-ArchiveArtwork by property name, an override set from the pipeline
/// wins and honours -WhatIf, its removal falls back, and each mistake is an error that says what to do.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class ArtworkCmdletTests
{
    private const string Soundboard = "gd73-06-10.sbd.hollister.174.sbeok.shnf";
    private const string Audience1970 = "gd70-10-23.aud.wolfson.15080.sbefail.shnf";
    private const string Poster = "https://images.example.org/rfk-1973.jpg";

    private const string Albums = """

        studio_albums:
          - album: Workingman's Dead
            year: 1970
            cover: https://covers.example.org/workingmans-dead.jpg
            songs: [Casey Jones, Uncle John's Band]

        """;

    private readonly MariaDbFixture mariaDb;

    public ArtworkCmdletTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Concerts_pipe_into_artwork_and_an_override_wins_until_it_is_removed(string engine)
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = await Engines.HomeAsync(engine, mariaDb, archive.BaseAddress);
        using var ps = Populated(home, engine);

        var artwork = ps.Invoke("Get-ArchiveShow 'Grateful Dead' | Get-ArchiveArtwork").ThrowIfFailed().Objects<ArtworkResult>().ToList();
        Assert.Equal([(Audience1970, ArtworkRule.StudioAlbum), (Soundboard, ArtworkRule.ItemImage)], artwork.Select(a => (a.Identifier, a.Rule)));
        Assert.Equal("https://covers.example.org/workingmans-dead.jpg", artwork[0].ImageUrl);
        Assert.Equal($"{archive.BaseAddress.AbsoluteUri}download/{Soundboard}/RFKJune73extras/Covers/GD6-10-73FrontCowboys.jpg", artwork[1].ImageUrl);

        ps.Invoke($"Get-ArchiveShow -Year 1973 | Set-ArchiveArtworkOverride -ImageUrl {Poster} -WhatIf").ThrowIfFailed();
        Assert.Equal(ArtworkRule.ItemImage, RuleOf(ps, Soundboard));

        var set = ps.Invoke($"Get-ArchiveRecording -Identifier {Soundboard} | Set-ArchiveArtworkOverride -ImageUrl {Poster} -Note 'RFK poster'")
            .ThrowIfFailed().Objects<ArtworkOverride>().Single();
        Assert.Equal(("Grateful Dead", Soundboard, Poster, "RFK poster"), (set.Artist, set.Identifier, set.ImageUrl, set.Note));
        var chosen = ps.Invoke($"Get-ArchiveArtwork {Soundboard}").ThrowIfFailed().Objects<ArtworkResult>().Single();
        Assert.Equal((ArtworkRule.Override, Poster, "RFK poster"), (chosen.Rule, chosen.ImageUrl, chosen.Detail));
        Assert.Equal([Soundboard], ps.Invoke("Get-ArchiveArtwork -Artist 'Grateful Dead'").ThrowIfFailed().Objects<ArtworkResult>().Select(a => a.Identifier));

        ps.Invoke($"Remove-ArchiveArtworkOverride {Soundboard} -WhatIf").ThrowIfFailed();
        Assert.Equal(ArtworkRule.Override, RuleOf(ps, Soundboard));
        var removed = ps.Invoke("Get-ArchiveArtwork -Artist 'Grateful Dead' | Remove-ArchiveArtworkOverride").ThrowIfFailed().Objects<ArtworkOverride>().Single();
        Assert.Equal(Poster, removed.ImageUrl);
        Assert.Equal(ArtworkRule.ItemImage, RuleOf(ps, Soundboard));

        var activity = ps.Invoke("Get-ArchiveActivity -Command *-ArchiveArtworkOverride").ThrowIfFailed().Objects<ActivityRecord>().ToList();
        Assert.Equal(["Remove-ArchiveArtworkOverride", "Set-ArchiveArtworkOverride"], activity.Select(a => a.Command));
        Assert.All(activity, a => Assert.Equal(Soundboard, a.Target));
    }

    [Fact]
    public async Task Each_mistake_is_an_error_naming_the_recording_and_what_to_do()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Populated(home, "sqlite");

        var badUrl = Assert.Single(ps.Invoke($"Set-ArchiveArtworkOverride {Soundboard} -ImageUrl covers/rfk.jpg").Errors);
        Assert.Equal("InvalidImageUrl,ArchiveImport.PowerShell.Commands.SetArchiveArtworkOverrideCommand", badUrl.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, badUrl.CategoryInfo.Category);
        Assert.Contains("https://", badUrl.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(Soundboard, badUrl.Exception.Message, StringComparison.Ordinal);

        var unknown = Assert.Single(ps.Invoke($"Set-ArchiveArtworkOverride gd-no-such-item -ImageUrl {Poster}").Errors);
        Assert.Equal("RecordingNotFound,ArchiveImport.PowerShell.Commands.SetArchiveArtworkOverrideCommand", unknown.FullyQualifiedErrorId);
        Assert.Contains("Invoke-ArchivePopulate", unknown.Exception.Message, StringComparison.Ordinal);

        var none = Assert.Single(ps.Invoke($"Remove-ArchiveArtworkOverride {Soundboard}").Errors);
        Assert.Equal("ArtworkOverrideNotFound,ArchiveImport.PowerShell.Commands.RemoveArchiveArtworkOverrideCommand", none.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, none.CategoryInfo.Category);

        var missing = Assert.Single(ps.Invoke("Get-ArchiveArtwork gd-no-such-item").Errors);
        Assert.Equal("RecordingNotFound,ArchiveImport.PowerShell.Commands.GetArchiveArtworkCommand", missing.FullyQualifiedErrorId);
        Assert.Empty(ps.Invoke("Get-ArchiveArtwork -Artist 'Grateful Dead'").ThrowIfFailed().Output);
    }

    [Fact]
    public async Task The_views_fit_80_columns()
    {
        await using var archive = await FakeArchiveOrg.StartAsync();
        using var home = TestHome.Create(archive.BaseAddress);
        using var ps = Populated(home, "sqlite");

        var text = string.Join('\n', ps.Invoke($"""
            Get-ArchiveShow | Get-ArchiveArtwork | Out-String -Width 80
            Set-ArchiveArtworkOverride {Soundboard} -ImageUrl https://images.example.org/a/very/long/path/to/the/poster/of/rfk-stadium-1973.jpg | Out-String -Width 80
            """).ThrowIfFailed().Output.Select(o => o.ToString()));

        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length}: {line}"));
        Assert.Matches(@"Identifier\s+Rule\s+Detail", text);
        Assert.Matches(@"Identifier\s+ImageUrl", text);
        Assert.Contains("Workingman's Dead", text, StringComparison.Ordinal);
    }

    private static PowerShellSession Populated(TestHome home, string engine)
    {
        File.AppendAllText(Path.Combine(home.ArtistConfigDirectory, "grateful-dead.yaml"), Albums);
        var ps = new PowerShellSession(home.Path);
        if (engine == "mariadb")
        {
            ps.Invoke("Update-ArchiveDatabase -Confirm:$false").ThrowIfFailed();
        }

        ps.Invoke("Invoke-ArchiveDownload 'Grateful Dead' | Invoke-ArchivePopulate").ThrowIfFailed();
        return ps;
    }

    private static ArtworkRule RuleOf(PowerShellSession ps, string identifier) =>
        ps.Invoke($"Get-ArchiveArtwork {identifier}").ThrowIfFailed().Objects<ArtworkResult>().Single().Rule;
}
