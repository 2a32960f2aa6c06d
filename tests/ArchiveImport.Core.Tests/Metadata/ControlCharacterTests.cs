using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

/// <summary>Text from archive.org reaches tables and terminals: control and bidirectional characters never get through.</summary>
public sealed class ControlCharacterTests
{
    [Fact]
    public void Nul_escape_and_bidi_overrides_are_dropped_and_line_breaks_become_spaces()
    {
        // JSON escapes, so the body itself stays plain ASCII: NUL, ESC (a colour sequence), U+202E, U+2066, U+200F, DEL, C1.
        var parsed = ArchiveOrgFixtures.ParseText("""
            {"metadata": {
               "title": "Live\u0000 at the Fillmore\u202E on 1969-02-27",
               "venue": "\u001b[31mFillmore\u001b[0m West\u2066\u2069",
               "coverage": "San Francisco,\r\nCA",
               "source": "Soundboard\u007F\u0085",
               "taper": "\u200FBob\u202C"},
             "files": [{"name": "x1969-02-27d1t01.flac", "format": "Flac", "title": "Dark\u0000 Star\u202E ->"}]}
            """, "gd69-02-27.test");

        var show = parsed.Show!;
        Assert.Equal("Live at the Fillmore on 1969-02-27", show.Title);
        Assert.Equal("[31mFillmore[0m West", show.Venue);
        Assert.Equal("San Francisco,  CA", show.Coverage);
        Assert.Equal("Soundboard", show.Source);
        Assert.Equal("Bob", show.Taper);
        Assert.Equal("Dark Star ->", Assert.Single(show.Tracks).Title);
    }

    [Theory]
    [InlineData("Fillmore West")]
    [InlineData("Café Wha? — Greenwich Village")]
    [InlineData("שלום Hall")]
    [InlineData("👨‍👩‍👧 Family Hall")]
    public void Ordinary_text_in_any_script_is_kept_as_it_is(string venue)
    {
        var parsed = ArchiveOrgFixtures.ParseText(
            System.Text.Json.JsonSerializer.Serialize(new { metadata = new { venue }, files = new[] { new { name = "x1969-02-27d1t01.flac", format = "Flac" } } }),
            "gd69-02-27.test");

        Assert.Equal(venue, parsed.Show!.Venue);
    }
}
