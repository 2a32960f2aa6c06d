namespace ArchiveImport.Core.Metadata;

/// <summary>The archive.org metadata response is not a JSON object (invalid or truncated JSON, or another JSON value).</summary>
public sealed class ArchiveItemFormatException : Exception
{
    public ArchiveItemFormatException()
    {
    }

    public ArchiveItemFormatException(string message)
        : base(message)
    {
    }

    public ArchiveItemFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
