using ArchiveImport.Testing;
using Xunit;
using static ArchiveImport.Core.Tests.Testing.FakeArchiveHttp;

namespace ArchiveImport.Core.Tests.Testing;

/// <summary>A fresh fake archive.org and an HTTP client for it, per test.</summary>
public abstract class FakeArchiveOrgTestBase : IAsyncLifetime
{
    protected FakeArchiveOrg Fake { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeArchiveOrg.StartAsync();
        Client = ClientFor(Fake);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Fake.DisposeAsync();
    }
}
