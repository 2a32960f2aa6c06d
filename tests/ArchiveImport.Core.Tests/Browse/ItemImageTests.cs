using System.Text;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Tests.Browse;

/// <summary>Which of an archive.org item's files is its own image.</summary>
public sealed class ItemImageTests
{
    [Fact]
    public void The_recorded_item_gives_its_front_cover_scan_not_the_back_nor_a_spectrogram()
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "archive-org", "gd73-06-10.sbd.hollister.174.sbeok.shnf.json"));
        Assert.Equal("RFKJune73extras/Covers/GD6-10-73FrontCowboys.jpg", ItemImage.Find(body));
    }

    [Fact]
    public void Without_a_front_image_the_first_original_image_counts()
    {
        Assert.Equal("photos/stage.png", ItemImage.Find(Item(
            ("d1t01.png", "derivative", "PNG"),
            ("photos/stage.png", "original", "PNG"),
            ("photos/back.jpg", "original", "JPEG"))));
        Assert.Equal("flyer.gif", ItemImage.Find(Item(("flyer.gif", "original", "Animated GIF"), ("Back Cover.jpg", "original", "JPEG"))));
    }

    [Fact]
    public void Archive_orgs_own_images_and_other_files_never_count()
    {
        Assert.Null(ItemImage.Find(Item(
            ("gd-x__ia_thumb.jpg", "original", "Item Tile"),
            ("__ia_thumb.jpg", "original", "JPEG"),
            ("d1t01.png", "derivative", "PNG"),
            ("d1t01_spectrogram.png", "derivative", "Spectrogram"),
            ("front.txt", "original", "Text"),
            ("d1t01.flac", "original", "Flac"))));
        Assert.Null(ItemImage.Find("""{"metadata": {"identifier": "gd-x"}}"""u8.ToArray()));
    }

    private static byte[] Item(params (string Name, string Source, string Format)[] files) =>
        Encoding.UTF8.GetBytes("{\"files\": [" + string.Join(", ", files.Select(f => $"{{\"name\": \"{f.Name}\", \"source\": \"{f.Source}\", \"format\": \"{f.Format}\"}}")) + "]}");
}
