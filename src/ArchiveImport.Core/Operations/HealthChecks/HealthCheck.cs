using System.Globalization;

namespace ArchiveImport.Core.Operations;

/// <summary>What a health check needs before it can run.</summary>
public enum HealthNeeds
{
    /// <summary>Reads files only: runs even when the catalog cannot be reached.</summary>
    Files,

    /// <summary>Reads the catalog, whatever its schema version.</summary>
    Catalog,

    /// <summary>Reads the catalog's tables, so only once its schema is current.</summary>
    CurrentSchema,
}

/// <summary>
/// One health check: a stable id, tags to select it by, what it checks, the named thresholds (settings) it reads, and
/// its verdicts. Each lives in a file of its own and is listed once, in <see cref="HealthRegistry"/>.
/// </summary>
public abstract class HealthCheck
{
    public abstract string Id { get; }
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<string> Tags { get; }

    /// <summary>The settings it compares against, as named in config/archiveimport.yaml's health section.</summary>
    public virtual IReadOnlyList<string> Thresholds => [];

    public virtual HealthNeeds Needs => HealthNeeds.CurrentSchema;

    internal abstract IEnumerable<HealthCheckResult> Run(HealthContext context);

    private protected HealthCheckResult Result(
        HealthContext context, string status, string message, object? value = null, object? threshold = null, string? target = null) => new()
    {
        Id = Id, Name = Name, Status = status, Message = message, Target = target, CheckedAt = context.Now,
        Value = Convert.ToString(value, CultureInfo.InvariantCulture), Threshold = Convert.ToString(threshold, CultureInfo.InvariantCulture),
    };
}
