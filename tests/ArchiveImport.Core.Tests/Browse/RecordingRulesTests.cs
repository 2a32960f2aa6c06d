using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>Source types, the preference order and the stream URL, as plain rules.</summary>
public sealed class RecordingRulesTests
{
    [Theory]
    [InlineData("gd77-05-08.sbd.hicks.4982.sbeok.shnf", null, null, "SBD")]
    [InlineData("gd70-10-23.aud.wolfson.15080.sbefail.shnf", "Audience", null, "AUD")]
    [InlineData("ph1994-06-18.mtx.flac16", null, "SBD + AUD > matrix", "Matrix")]
    [InlineData("gd1973-06-10.x.flac", "SBD + AUD matrix", null, "Matrix")]
    [InlineData("gd72-08-27.fm.flac16", null, null, "FM")]
    [InlineData("gd76-06-14.flac16", "Pre-FM master reel", null, "FM")]
    [InlineData("gd76-06-14.flac16", null, "Schoeps MK4 > Nagra", "AUD")]
    [InlineData("gd76-06-14.flac16", null, "Master cassette > DAT > FLAC", "Unknown")]
    [InlineData("gd76-06-14.sbd.flac16", "Audience", null, "AUD")] // the uploader's word for the source comes first
    [InlineData("ymsb2006-07-03.flac16", null, null, "Unknown")]
    public void The_source_type_is_read_from_source_identifier_and_lineage(string identifier, string? source, string? lineage, string expected) =>
        Assert.Equal(expected, SourceType.Classify(identifier, source, lineage));

    [Fact]
    public void Source_type_then_rating_then_downloads_then_lossless_then_the_operator_above_all()
    {
        RecordingCandidate Candidate(string id, string type, double? rating = null, long? downloads = null, string format = "VBR MP3", bool chosen = false) =>
            new(id.GetHashCode(StringComparison.Ordinal), id, type, rating, downloads, format, chosen);

        Assert.Equal("sbd", RecordingPreference.Choose([Candidate("aud", "AUD", 5), Candidate("sbd", "SBD"), Candidate("mtx", "Matrix", 5)])!.Identifier);
        Assert.Equal("mtx", RecordingPreference.Choose([Candidate("aud", "AUD", 5), Candidate("fm", "FM", 5), Candidate("mtx", "Matrix")])!.Identifier);
        Assert.Equal("fm", RecordingPreference.Choose([Candidate("aud", "AUD", 5), Candidate("fm", "FM"), Candidate("x", "Unknown", 5)])!.Identifier);
        Assert.Equal("b", RecordingPreference.Choose([Candidate("a", "SBD", 4.1, 9000), Candidate("b", "SBD", 4.5, 10)])!.Identifier);
        Assert.Equal("a", RecordingPreference.Choose([Candidate("a", "SBD", 4.5, 9000), Candidate("b", "SBD", 4.5, 10)])!.Identifier);
        Assert.Equal("b", RecordingPreference.Choose([Candidate("a", "SBD", null, 10), Candidate("b", "SBD", null, 10, "Flac")])!.Identifier);
        Assert.Equal("a", RecordingPreference.Choose([Candidate("b", "SBD"), Candidate("a", "SBD")])!.Identifier);
        Assert.Equal("aud", RecordingPreference.Choose([Candidate("aud", "AUD", chosen: true), Candidate("sbd", "SBD", 5, 99999, "Flac")])!.Identifier);
        Assert.Null(RecordingPreference.Choose([]));
    }

    [Theory]
    [InlineData("d1t01.flac", "https://archive.org/download/gd-x/d1t01.flac")]
    [InlineData("Disc 1/01 Dark Star.flac", "https://archive.org/download/gd-x/Disc%201/01%20Dark%20Star.flac")]
    [InlineData("#1 ? 100%.mp3", "https://archive.org/download/gd-x/%231%20%3F%20100%25.mp3")]
    [InlineData("Björk & Sigur Rós — live.ogg", "https://archive.org/download/gd-x/Bj%C3%B6rk%20%26%20Sigur%20R%C3%B3s%20%E2%80%94%20live.ogg")]
    [InlineData("a+b;c=d.flac", "https://archive.org/download/gd-x/a%2Bb%3Bc%3Dd.flac")]
    public void A_stream_url_escapes_each_segment_of_the_file_name(string fileName, string expected)
    {
        Assert.Equal(expected, new ArchiveLinks(new Uri("https://archive.org")).Download("gd-x", fileName));
        var parsed = new Uri(expected);
        Assert.Equal(fileName, Uri.UnescapeDataString(parsed.AbsolutePath["/download/gd-x/".Length..]));
    }

    [Fact]
    public void Links_keep_a_configured_archive_url_with_a_path()
    {
        var links = new ArchiveLinks(new Uri("http://127.0.0.1:8080/mirror/"));
        Assert.Equal("http://127.0.0.1:8080/mirror/details/gd-x", links.Details("gd-x"));
        Assert.Equal("http://127.0.0.1:8080/mirror/download/gd-x/a%20b.flac", links.Download("gd-x", "a b.flac"));
    }
}
