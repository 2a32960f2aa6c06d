using Microsoft.Extensions.Hosting;

namespace ArchiveImport.Testing;

/// <summary>
/// Replaces the console lifetime, which would capture SIGTERM and Ctrl+C of the whole
/// test process; the fake is stopped only by disposing it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
