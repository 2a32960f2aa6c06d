using Xunit;

namespace ArchiveImport.Testing;

/// <summary>
/// One <see cref="MariaDbServer"/> shared by a test collection. Use it as an
/// <c>ICollectionFixture&lt;MariaDbFixture&gt;</c> and give each test its own database
/// with <see cref="MariaDbServer.CreateDatabaseAsync"/>.
/// </summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    private MariaDbServer? server;

    public MariaDbServer Server => server ?? throw new InvalidOperationException("the MariaDB fixture has not been initialised");

    public async Task InitializeAsync() => server = await MariaDbServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
