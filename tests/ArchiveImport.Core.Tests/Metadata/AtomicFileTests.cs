using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Tests.ArtistConfigs;

namespace ArchiveImport.Core.Tests.Metadata;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_a_new_file_and_replaces_an_old_one_leaving_no_temporary_file()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "show.json");

        AtomicFile.Write(path, "first"u8);
        AtomicFile.Write(path, "second"u8);

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Keeps_the_old_file_when_the_check_before_the_rename_throws()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("artist.yaml", "old");
        string? seen = null;

        var thrown = Assert.Throws<InvalidDataException>(() => AtomicFile.Write(path, "new"u8, temporary =>
        {
            seen = File.ReadAllText(temporary);
            throw new InvalidDataException("rejected");
        }));

        Assert.Equal("rejected", thrown.Message);
        Assert.Equal("new", seen);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }
}
