using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

/// <summary>One format per show, and only files that really are tracks.</summary>
public sealed class TrackSelectionTests
{
    private static Show ParseFiles(string filesJson)
    {
        var parsed = ArchiveOrgFixtures.ParseText($$"""{"metadata": {"mediatype": "etree"}, "files": {{filesJson}}}""");
        Assert.True(parsed.IsImportable, parsed.NotImportableReason);
        return parsed.Show!;
    }

    [Fact]
    public void Lossless_originals_win_over_their_derivatives()
    {
        var show = ParseFiles("""
            [
              {"name": "s01.ogg", "format": "Ogg Vorbis", "original": "s01.flac", "length": "100.5"},
              {"name": "s01.mp3", "format": "VBR MP3", "original": "s01.flac", "title": "Song", "length": "01:40"},
              {"name": "s01.flac", "format": "Flac", "length": "100.49"},
              {"name": "s01.png", "format": "PNG", "original": "s01.flac"}
            ]
            """);

        Assert.Equal("Flac", show.AudioFormat);
        var track = Assert.Single(show.Tracks);
        Assert.Equal("s01.flac", track.FileName);
        Assert.Equal("Song", track.Title);
        Assert.Equal(100.5, track.DurationSeconds);
    }

    [Theory]
    [InlineData("Flac", "24bit Flac", "Flac")]
    [InlineData("24bit Flac", "Shorten", "24bit Flac")]
    [InlineData("Shorten", "WAVE", "Shorten")]
    [InlineData("WAVE", "AIFF", "WAVE")]
    [InlineData("AIFF", "VBR MP3", "AIFF")]
    [InlineData("VBR MP3", "MP3", "VBR MP3")]
    [InlineData("MP3", "320Kbps MP3", "MP3")]
    [InlineData("64Kbps MP3", "128Kbps MP3", "128Kbps MP3")]
    [InlineData("64Kbps MP3", "Ogg Vorbis", "64Kbps MP3")]
    public void Format_priority(string first, string second, string expected)
    {
        var show = ParseFiles($$"""
            [
              {"name": "a{{Extension(first)}}", "format": "{{first}}", "title": "A"},
              {"name": "b{{Extension(second)}}", "format": "{{second}}", "title": "B"}
            ]
            """);

        Assert.Equal(expected, show.AudioFormat);
        Assert.Single(show.Tracks);
    }

    [Theory]
    [InlineData("t01.flac", "Flac")]
    [InlineData("t01.FLAC", "24bit Flac")]
    [InlineData("t01.shn", "Shorten")]
    [InlineData("t01.wav", "WAVE")]
    [InlineData("t01.aif", "AIFF")]
    [InlineData("t01.aiff", "AIFF")]
    [InlineData("t01.mp3", "VBR MP3")]
    [InlineData("t01.mp3", "160Kbps MP3")]
    [InlineData("t01.ogg", "Ogg Vorbis")]
    public void Extension_fits_format(string name, string format)
    {
        Assert.Equal(format, ParseFiles($$"""[{"name": "{{name}}", "format": "{{format}}"}]""").AudioFormat);
    }

    [Fact]
    public void A_format_whose_only_files_do_not_fit_is_skipped_for_the_next()
    {
        var show = ParseFiles("""
            [
              {"name": "Booklet/center.bmp", "format": "Shorten", "title": "Grateful Dead, RFK", "length": "0.04"},
              {"name": "Booklet/center_vbr.mp3", "format": "VBR MP3", "original": "Booklet/center.bmp", "length": "00:06"},
              {"name": "gd77-05-08d1t01.ogg", "format": "Ogg Vorbis", "length": "300.2"}
            ]
            """);

        Assert.Equal("Ogg Vorbis", show.AudioFormat);
        Assert.Equal("gd77-05-08d1t01.ogg", Assert.Single(show.Tracks).FileName);
    }

    [Theory]
    [InlineData("gd77-05-08d1t01.flac")]
    [InlineData("gd77-05-08s2t03.flac")]
    [InlineData("gd77-05-08t07.flac")]
    [InlineData("01 Morning Dew.flac")]
    [InlineData("7-jam.flac")]
    [InlineData("disc1/02.flac")]
    public void Track_like_names_count_without_title_or_track(string name)
    {
        Assert.Equal(name, Assert.Single(ParseFiles($$"""[{"name": "{{name}}", "format": "Flac"}]""").Tracks).FileName);
    }

    [Theory]
    [InlineData("soundcheck.flac")]
    [InlineData("1977-05-08.flac")]
    [InlineData("part01.flac")]
    [InlineData("d1t01/notes.flac")]
    public void Other_untitled_names_do_not_count(string name)
    {
        var parsed = ArchiveOrgFixtures.ParseText($$"""{"metadata": {}, "files": [{"name": "{{name}}", "format": "Flac"}]}""");

        Assert.Equal(NotImportableReasons.NoAudioTracks, parsed.NotImportableReason);
    }

    [Fact]
    public void Title_and_track_come_from_siblings_preferring_VBR_MP3()
    {
        var show = ParseFiles("""
            [
              {"name": "x.flac", "format": "Flac", "track": "9"},
              {"name": "x.png", "format": "PNG", "original": "x.flac", "title": "Spectrogram title"},
              {"name": "x.mp3", "format": "VBR MP3", "original": "x.flac", "title": "Real Title", "track": "1"}
            ]
            """);

        var track = Assert.Single(show.Tracks);
        Assert.Equal("Real Title", track.Title);
        Assert.Equal(9, track.TrackNumber);
    }

    [Fact]
    public void A_derivative_chosen_as_track_learns_from_its_original_and_the_other_derivatives()
    {
        var show = ParseFiles("""
            [
              {"name": "x_t04.bin", "format": "Unknown", "title": "From Original", "track": "4"},
              {"name": "x_t04.mp3", "format": "VBR MP3", "original": "x_t04.bin", "length": "02:00"},
              {"name": "x_t04.ogg", "format": "Ogg Vorbis", "original": "x_t04.bin", "length": "119.75"}
            ]
            """);

        var track = Assert.Single(show.Tracks);
        Assert.Equal("VBR MP3", show.AudioFormat);
        Assert.Equal("x_t04.mp3", track.FileName);
        Assert.Equal("From Original", track.Title);
        Assert.Equal(4, track.TrackNumber);
        Assert.Equal(119.75, track.DurationSeconds);
    }

    [Fact]
    public void Own_length_is_used_when_no_sibling_has_one()
    {
        var show = ParseFiles("""[{"name": "t01.flac", "format": "Flac", "length": "0:59"}]""");

        Assert.Equal(59, Assert.Single(show.Tracks).DurationSeconds);
    }

    private static string Extension(string format) => format switch
    {
        "Flac" or "24bit Flac" => ".flac",
        "Shorten" => ".shn",
        "WAVE" => ".wav",
        "AIFF" => ".aiff",
        "Ogg Vorbis" => ".ogg",
        _ => ".mp3",
    };
}
