namespace ArchiveImport.PowerShell;

/// <summary>
/// Marks a cmdlet that changes state: each invocation becomes one row of the activity log (who, host, command, target,
/// outcome, duration), written by <see cref="AsyncArchiveCmdlet"/>. A cmdlet whose whole job is writing such a row
/// (Write-ArchiveActivity) says so with <see cref="WritesItsOwnRow"/>, and no second row is added about it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordsActivityAttribute : Attribute
{
    public bool WritesItsOwnRow { get; init; }
}
