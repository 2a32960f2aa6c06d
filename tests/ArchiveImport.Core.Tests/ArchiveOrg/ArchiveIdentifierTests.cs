using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Tests.ArchiveOrg;

public sealed class ArchiveIdentifierTests
{
    [Theory]
    [InlineData("ok1")]
    [InlineData("gd73-06-10.sbd.hollister.174.sbeok.shnf")]
    [InlineData("_underscore_first")]
    public void Identifiers_of_letters_digits_dots_dashes_and_underscores_are_valid(string identifier) =>
        Assert.True(ArchiveIdentifier.IsValid(identifier));

    [Theory]
    [InlineData("ok1\n")] // '$' matched before this final newline: the file became "ok1\n.json"
    [InlineData("ok1\r\n")]
    [InlineData("ok1\r")]
    [InlineData("\nok1")]
    [InlineData("ok1\nok2")]
    [InlineData("ok1 ")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("-dash-first")]
    [InlineData("../etc")]
    public void Anything_else_is_not_an_identifier(string identifier)
    {
        Assert.False(ArchiveIdentifier.IsValid(identifier));
        Assert.Throws<ArgumentException>(() => ArchiveIdentifier.Validate(identifier));
    }

    [Fact]
    public void The_length_limit_is_255()
    {
        Assert.True(ArchiveIdentifier.IsValid(new string('a', 255)));
        Assert.False(ArchiveIdentifier.IsValid(new string('a', 256)));
        Assert.False(ArchiveIdentifier.IsValid(new string('a', 255) + "\n"));
    }

    [Fact]
    public void A_trailing_newline_never_reaches_a_metadata_file_name()
    {
        var store = new MetadataStore(Path.Combine(Path.GetTempPath(), "archiveimport-ids-" + Guid.NewGuid().ToString("N")));

        var error = Assert.Throws<ArgumentException>(() => store.PathFor("Grateful Dead", "ok1\n"));

        Assert.Contains("'ok1\\u000a' is not an archive.org identifier", error.Message, StringComparison.Ordinal);
    }
}
