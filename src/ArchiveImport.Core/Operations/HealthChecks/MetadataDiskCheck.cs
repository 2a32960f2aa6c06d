using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>Metadata kept on this machine, and free space on its disk.</summary>
public sealed class MetadataDiskCheck : HealthCheck
{
    public override string Id => "metadata-disk";
    public override string Name => "Metadata disk usage";
    public override string Description => "The downloaded metadata's size and the free space on its disk; warns at metadataDiskWarningMegabytes.";
    public override IReadOnlyList<string> Tags => ["disk"];
    public override IReadOnlyList<string> Thresholds => ["metadataDiskWarningMegabytes"];

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        // The sizes recorded as each file was downloaded, summed in the catalog: listing a folder of tens of thousands
        // of files took longer than every other check together. Free space is one statvfs call.
        var services = context.Services;
        var megabytes = services.ShowMetadata.TotalBytes() / (1024 * 1024);
        var warnAt = services.Settings.Health.MetadataDiskWarningMegabytes;
        var free = DiskSpace.FreeBytes(services.MetadataFiles.Root) / (1024 * 1024);
        yield return Result(context, megabytes >= warnAt ? HealthStatus.Warning : HealthStatus.Pass,
            $"The metadata folder {services.MetadataFiles.Root} holds {megabytes} MB of downloaded metadata" + (free is { } f ? $"; {f} MB free on its disk." : "."),
            megabytes, warnAt);
    }
}
