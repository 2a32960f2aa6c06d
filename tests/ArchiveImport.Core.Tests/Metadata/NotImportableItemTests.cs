using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class NotImportableItemTests
{
    [Theory]
    [InlineData("nasa")]
    [InlineData("GratefulDead")]
    public void Collections_are_not_recordings(string identifier)
    {
        var parsed = ArchiveOrgFixtures.Parse(identifier);

        Assert.False(parsed.IsImportable);
        Assert.Null(parsed.Show);
        Assert.Equal(identifier, parsed.Identifier);
        Assert.Equal(NotImportableReasons.Collection, parsed.NotImportableReason);
    }

    [Fact]
    public void A_film_has_no_audio_tracks_even_with_an_MP3_soundtrack()
    {
        // AboutBan1935.mp3 is an untitled derivative of the film with no track-like name.
        var parsed = ArchiveOrgFixtures.Parse("AboutBan1935");

        Assert.False(parsed.IsImportable);
        Assert.Equal(NotImportableReasons.NoAudioTracks, parsed.NotImportableReason);
    }

    [Fact]
    public void Empty_object_means_the_item_does_not_exist()
    {
        var parsed = ArchiveOrgFixtures.ParseText("{}");

        Assert.Equal(NotImportableReasons.EmptyResponse, parsed.NotImportableReason);
        Assert.Equal("item does not exist (empty response)", parsed.NotImportableReason);
    }

    [Theory]
    [InlineData("""{"is_dark": true}""")]
    [InlineData("""{"is_dark": "true", "metadata": {"mediatype": "etree"}, "files": []}""")]
    public void Dark_items_are_withdrawn(string json)
    {
        Assert.Equal(NotImportableReasons.Dark, ArchiveOrgFixtures.ParseText(json).NotImportableReason);
    }

    [Fact]
    public void Is_dark_false_is_not_dark()
    {
        var parsed = ArchiveOrgFixtures.ParseText("""{"is_dark": false, "files": []}""");

        Assert.Equal(NotImportableReasons.NoMetadata, parsed.NotImportableReason);
    }

    [Theory]
    [InlineData("""{"files": [{"name": "t01.flac", "format": "Flac"}]}""")]
    [InlineData("""{"metadata": "gd", "files": [{"name": "t01.flac", "format": "Flac"}]}""")]
    public void Missing_metadata_object(string json)
    {
        Assert.Equal(NotImportableReasons.NoMetadata, ArchiveOrgFixtures.ParseText(json).NotImportableReason);
    }

    [Theory]
    [InlineData("""{"metadata": {"mediatype": "etree"}}""")]
    [InlineData("""{"metadata": {"mediatype": "etree"}, "files": []}""")]
    [InlineData("""{"metadata": {"mediatype": "etree"}, "files": {}}""")]
    public void Missing_or_empty_files(string json)
    {
        Assert.Equal(NotImportableReasons.NoFiles, ArchiveOrgFixtures.ParseText(json).NotImportableReason);
    }

    [Theory]
    [InlineData("""{"is_collection": true, "metadata": {"mediatype": "etree"}, "files": [{"name": "t01.flac", "format": "Flac"}]}""")]
    [InlineData("""{"metadata": {"mediatype": "collection"}, "files": [{"name": "t01.flac", "format": "Flac"}]}""")]
    [InlineData("""{"metadata": {"mediatype": ["Collection"]}, "files": []}""")]
    public void Collections_by_flag_or_mediatype(string json)
    {
        Assert.Equal(NotImportableReasons.Collection, ArchiveOrgFixtures.ParseText(json).NotImportableReason);
    }

    [Theory]
    [InlineData("""{"metadata": {}, "files": [{"name": "notes.txt", "format": "Text"}]}""")]
    [InlineData("""{"metadata": {}, "files": [{"name": "Booklet/center.bmp", "format": "Shorten", "title": "Grateful Dead, RFK", "length": "0.04"}]}""")]
    [InlineData("""{"metadata": {}, "files": [{"name": "cover.jwl", "format": "128Kbps MP3", "title": "Grateful Dead, RFK", "length": "0"}]}""")]
    [InlineData("""{"metadata": {}, "files": [{"name": "center_vbr.mp3", "format": "VBR MP3", "length": "00:06"}]}""")]
    [InlineData("""{"metadata": {}, "files": [{"format": "Flac", "title": "No name"}]}""")]
    public void No_audio_tracks(string json)
    {
        Assert.Equal(NotImportableReasons.NoAudioTracks, ArchiveOrgFixtures.ParseText(json).NotImportableReason);
    }

    [Fact]
    public void Every_reason_is_distinct()
    {
        string[] reasons =
        [
            NotImportableReasons.EmptyResponse, NotImportableReasons.Dark, NotImportableReasons.NoMetadata,
            NotImportableReasons.Collection, NotImportableReasons.NoFiles, NotImportableReasons.NoAudioTracks,
        ];

        Assert.Equal(reasons.Length, reasons.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
