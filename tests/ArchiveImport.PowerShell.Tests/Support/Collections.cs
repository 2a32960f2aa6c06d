using ArchiveImport.Testing;

namespace ArchiveImport.PowerShell.Tests.Support;

[CollectionDefinition(Name)]
public sealed class CmdletCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "Cmdlets";
}

public static class Engines
{
    public static TheoryData<string> Both => new() { "sqlite", "mariadb" };

    public static async Task<TestHome> HomeAsync(string engine, MariaDbFixture mariaDb, Uri archiveUrl) =>
        TestHome.Create(archiveUrl, engine == "mariadb" ? await mariaDb.Server.CreateDatabaseAsync() : null);
}
