using System.Text;
using ArchiveImport.Core.Metadata;
using Xunit;

namespace ArchiveImport.Core.Tests.Metadata;

/// <summary>Reads the recorded archive.org responses in tests/fixtures/archive-org.</summary>
internal static class ArchiveOrgFixtures
{
    public const string Gd73 = "gd73-06-10.sbd.hollister.174.sbeok.shnf";
    public const string Gd70 = "gd70-10-23.aud.wolfson.15080.sbefail.shnf";
    public const string Ymsb = "ymsb2006-07-03.flac16";

    public static byte[] Read(string identifier) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", identifier + ".json"));

    public static ParsedItem Parse(string identifier) => ArchiveItemParser.Parse(identifier, Read(identifier));

    public static Show ParseShow(string identifier)
    {
        var parsed = Parse(identifier);
        Assert.True(parsed.IsImportable, parsed.NotImportableReason);
        return parsed.Show!;
    }

    /// <summary>Parses a JSON text written in a test.</summary>
    public static ParsedItem ParseText(string json, string identifier = "test-item") =>
        ArchiveItemParser.Parse(identifier, Encoding.UTF8.GetBytes(json));
}
