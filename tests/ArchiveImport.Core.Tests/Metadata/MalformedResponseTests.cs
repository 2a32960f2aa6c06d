using System.Text.Json;
using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class MalformedResponseTests
{
    [Fact]
    public void Truncated_fixture_throws_with_position_and_inner_JsonException()
    {
        var bytes = ArchiveOrgFixtures.Read(ArchiveOrgFixtures.Gd73);
        var truncated = bytes.AsSpan(0, bytes.Length / 2).ToArray();

        var exception = Assert.Throws<ArchiveItemFormatException>(() => ArchiveItemParser.Parse(ArchiveOrgFixtures.Gd73, truncated));

        var inner = Assert.IsAssignableFrom<JsonException>(exception.InnerException);
        Assert.NotNull(inner.LineNumber);
        Assert.Contains(ArchiveOrgFixtures.Gd73, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"line {inner.LineNumber + 1}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("byte ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("""{"metadata": {"title": "x"}""")]
    [InlineData("""{"metadata": }""")]
    [InlineData("""{'metadata': {}}""")]
    [InlineData("""{"files": [],}""")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{} trailing")]
    public void Invalid_json_throws_with_the_JsonException_inside(string text)
    {
        var exception = Assert.Throws<ArchiveItemFormatException>(() => ArchiveOrgFixtures.ParseText(text));

        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_position_is_one_based_line_and_byte()
    {
        var exception = Assert.Throws<ArchiveItemFormatException>(() => ArchiveOrgFixtures.ParseText("{\n  \"a\": ]\n}"));

        Assert.Contains("line 2, byte 8", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "Array")]
    [InlineData("null", "Null")]
    [InlineData("\"gd73-06-10\"", "String")]
    [InlineData("42", "Number")]
    public void Json_that_is_not_an_object_throws(string text, string kind)
    {
        var exception = Assert.Throws<ArchiveItemFormatException>(() => ArchiveOrgFixtures.ParseText(text));

        Assert.Contains("not a JSON object", exception.Message, StringComparison.Ordinal);
        Assert.Contains(kind, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var parsed = ArchiveItemParser.Parse("x", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);

        Assert.Equal(NotImportableReasons.EmptyResponse, parsed.NotImportableReason);
    }

    [Fact]
    public void Exception_has_the_standard_constructors()
    {
        var inner = new InvalidOperationException("inner");

        Assert.NotNull(new ArchiveItemFormatException().Message);
        Assert.Equal("m", new ArchiveItemFormatException("m").Message);
        Assert.Same(inner, new ArchiveItemFormatException("m", inner).InnerException);
    }
}
