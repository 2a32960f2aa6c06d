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

    [Fact]
    public void A_file_a_tool_writes_to_its_own_path_replaces_the_target_only_when_the_tool_finished_and_the_check_passed()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("archive.db", "old backup");

        AtomicFile.WriteWith(path, temporary => File.WriteAllText(temporary, "new backup"));
        var failedTool = Assert.Throws<IOException>(() => AtomicFile.WriteWith(path, temporary =>
        {
            File.WriteAllText(temporary, "half");
            throw new IOException("disk full");
        }));
        var rejected = Assert.Throws<InvalidDataException>(() => AtomicFile.WriteWith(path,
            temporary => File.WriteAllText(temporary, "unchecked"), _ => throw new InvalidDataException("bad")));

        Assert.Equal(("disk full", "bad"), (failedTool.Message, rejected.Message));
        Assert.Equal("new backup", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }
}
