using System.Text.Json;
using ArchiveImport.Core.Metadata;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// One flat metadata file as the move journal recorded it before anything moved: its size and SHA-256, and where it
/// goes (no artist: it stays where it is), with what decided that.
/// </summary>
public sealed record MetadataMoveEntry(string Identifier, string Source, long Bytes, string Sha256, string? Artist, string? Target, string Placement);

/// <summary>
/// The no-loss record of a metadata move (<c>.move-journal.json</c> in the flat folder): every source file's size and
/// hash and its destination, written atomically before the first file moves and never changed after. A move killed at
/// any moment is finished from it: where each file is now is read from the disk, so the journal needs no updates.
/// </summary>
public sealed record MetadataMoveJournal(DateTime StartedAt, IReadOnlyList<MetadataMoveEntry> Entries)
{
    public const string FileName = ".move-journal.json";

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    public static MetadataMoveJournal? TryRead(string folder)
    {
        var path = PathIn(folder);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MetadataMoveJournal>(File.ReadAllBytes(path))
                ?? throw new InvalidDataException("it is empty");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new MetadataMoveException(
                $"The move journal {path} cannot be read ({ex.Message.TrimEnd('.')}). It is written whole or not at all, so " +
                "something else changed it: restore it from a backup, or remove it once every file it lists is checked, then run Move-ArchiveMetadata again.");
        }
    }

    public void Write(string folder) => AtomicFile.Write(PathIn(folder), JsonSerializer.SerializeToUtf8Bytes(this));

    public static void Remove(string folder) => File.Delete(PathIn(folder));
}

/// <summary>A metadata move that cannot go on at all (its journal is unreadable, its folder is missing).</summary>
public sealed class MetadataMoveException(string message) : Exception(message);
