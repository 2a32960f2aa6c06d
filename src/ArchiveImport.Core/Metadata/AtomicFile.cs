namespace ArchiveImport.Core.Metadata;

/// <summary>
/// Writes a file whole or not at all: the bytes go to a temporary file beside it, are flushed to disk, and the
/// temporary file is renamed over the target, so a crash leaves the old file or the new one, never half of one.
/// The one place that does this for metadata files, artist configs and anything else written in place.
/// </summary>
public static class AtomicFile
{
    /// <summary>The end of every temporary file's name, so the leftovers of a killed process can be found and removed.</summary>
    public const string TemporarySuffix = ".partial";

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same folder (which
    /// must exist). <paramref name="beforeReplace"/> gets the written temporary file just before the rename, to check
    /// or adjust it; when it throws, the target is left as it was. The temporary file never outlives the call.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content, Action<string>? beforeReplace = null)
    {
        // Spelled out rather than through Replace: a span cannot be captured, and copying every metadata body to an
        // array first would cost the download an allocation per show.
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            beforeReplace?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file in the same folder as <see cref="Write"/> does, for content
    /// too big to hold in memory: <paramref name="write"/> fills the stream, which is then flushed to disk;
    /// <paramref name="beforeReplace"/> gets the temporary file's path to check it (read it back) before the rename.
    /// </summary>
    public static void WriteStream(string path, Action<Stream> write, Action<string>? beforeReplace = null) =>
        Replace(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        }, beforeReplace);

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file as <see cref="Write"/> does, for content a tool writes to
    /// a path of its own (a database's backup API, mysqldump): <paramref name="writeTo"/> gets the temporary file's
    /// path, the file is then flushed to disk, and <paramref name="beforeReplace"/> checks it before the rename.
    /// </summary>
    public static void WriteWith(string path, Action<string> writeTo, Action<string>? beforeReplace = null) =>
        Replace(path, temporary =>
        {
            writeTo(temporary);
            using var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            written.Flush(flushToDisk: true);
        }, beforeReplace);

    /// <summary>
    /// The one way a file is replaced: <paramref name="fill"/> writes the temporary file and leaves it flushed to disk,
    /// <paramref name="beforeReplace"/> checks it, the rename makes it the target; the temporary file never outlives the call.
    /// </summary>
    private static void Replace(string path, Action<string> fill, Action<string>? beforeReplace)
    {
        var temporary = TemporaryFor(path);
        try
        {
            fill(temporary);
            beforeReplace?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static string TemporaryFor(string path) => $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";

    /// <summary>Deletes a file if it can; false when it is in use or not ours to delete.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
