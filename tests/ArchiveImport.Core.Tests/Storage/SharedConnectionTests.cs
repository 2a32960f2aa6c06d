using ArchiveImport.Core.Storage;
using ArchiveImport.Core.Tests.Support;
using ArchiveImport.Core.Tests.Testing;
using ArchiveImport.Testing;
using Dapper;

namespace ArchiveImport.Core.Tests.Storage;

/// <summary>The one connection a download run keeps: used by one caller at a time, replaced when it dies.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class SharedConnectionTests
{
    private readonly MariaDbFixture mariaDb;

    public SharedConnectionTests(MariaDbFixture mariaDb) => this.mariaDb = mariaDb;

    [Fact]
    public async Task Its_calls_share_one_server_connection_and_a_killed_one_is_replaced_without_failing_the_call()
    {
        using var home = await Engines.HomeAsync("mariadb", mariaDb, new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        using var shared = services.Database.OpenShared();
        using var other = services.Database.Open(); // holds its own pooled connection, so the pool cannot hand back the same one

        var first = shared.Use(c => c.ExecuteScalar<long>("SELECT CONNECTION_ID()"));
        Assert.Equal(first, shared.Use(c => c.ExecuteScalar<long>("SELECT CONNECTION_ID()")));
        Assert.Equal(1, shared.Use(c => c.ExecuteScalar<long>("SELECT @kept := 1"))); // session state lives on between calls
        Assert.Equal(1, shared.Use(c => c.ExecuteScalar<long?>("SELECT @kept")));

        other.Execute($"KILL CONNECTION {first}");

        var next = shared.Use(c => c.ExecuteScalar<long>("SELECT CONNECTION_ID()"));
        Assert.NotEqual(first, next);
        Assert.Null(services.ShowMetadata.On(shared).Get("gd-none"));
    }

    [Fact]
    public async Task A_statement_that_fails_again_on_a_fresh_connection_throws_and_the_next_call_works()
    {
        using var home = TestHome.Create(new Uri("http://127.0.0.1:9/"));
        var services = Engines.Services(home);
        using var shared = services.Database.OpenShared();

        Assert.ThrowsAny<System.Data.Common.DbException>(() => shared.Use(c => c.Execute("INSERT INTO no_such_table VALUES (1)")));
        Assert.Equal(1, shared.Use(c => c.ExecuteScalar<long>("SELECT 1")));
    }
}
