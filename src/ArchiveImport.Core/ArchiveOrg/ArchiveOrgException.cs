namespace ArchiveImport.Core.ArchiveOrg;

/// <summary>archive.org answered, but not with anything usable (after retries).</summary>
public sealed class ArchiveOrgException : Exception
{
    public ArchiveOrgException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>A 200 response whose body is not the JSON it should be (truncated, an HTML error page): worth a retry.</summary>
internal sealed class InvalidArchiveResponseException : Exception
{
    public InvalidArchiveResponseException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
