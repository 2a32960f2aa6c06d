using ArchiveImport.Testing;
using MySqlConnector;
using Xunit;

namespace ArchiveImport.Core.Tests.Testing;

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbServerTests(MariaDbFixture fixture)
{
    private MariaDbServer Server => fixture.Server;

    [Fact]
    public async Task CreateDatabaseAsync_gives_a_fresh_usable_database()
    {
        var connectionString = await Server.CreateDatabaseAsync("usable");
        var database = new MySqlConnectionStringBuilder(connectionString).Database;

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        Assert.StartsWith("usable_", database, StringComparison.Ordinal);
        Assert.Equal(database, await ScalarAsync<string>(connection, "SELECT DATABASE()"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
        await ExecuteAsync(connection, "CREATE TABLE song (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL)");
        await ExecuteAsync(connection, "INSERT INTO song VALUES (1, 'Playin'' In The Band 🎸')");
        Assert.Equal("Playin' In The Band 🎸", await ScalarAsync<string>(connection, "SELECT title FROM song WHERE id = 1"));
    }

    [Fact]
    public async Task Each_call_creates_a_different_database()
    {
        var first = new MySqlConnectionStringBuilder(await Server.CreateDatabaseAsync()).Database;
        var second = new MySqlConnectionStringBuilder(await Server.CreateDatabaseAsync()).Database;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Server_runs_in_utc_with_utf8mb4()
    {
        await using var connection = new MySqlConnection(await Server.CreateDatabaseAsync());
        await connection.OpenAsync();

        Assert.Equal("+00:00", await ScalarAsync<string>(connection, "SELECT @@time_zone"));
        Assert.Equal("utf8mb4", await ScalarAsync<string>(connection, "SELECT @@character_set_server"));
        Assert.Equal("utf8mb4_unicode_ci", await ScalarAsync<string>(connection, "SELECT @@collation_server"));
        Assert.Equal("utf8mb4_unicode_ci", await ScalarAsync<string>(connection,
            "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var builder = new MySqlConnectionStringBuilder(await Server.CreateDatabaseAsync()) { Password = "wrong" + Server.Password };

        await using var connection = new MySqlConnection(builder.ConnectionString);
        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync());

        Assert.Equal(MySqlErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public void Exposes_the_account_and_a_connection_string_in_the_documented_form()
    {
        Assert.Equal("archiveimport", Server.UserName);
        Assert.Equal(20, Server.Password.Length);
        Assert.Contains(Server.Password, c => "!#%".Contains(c, StringComparison.Ordinal));
        Assert.True(Directory.Exists(Server.DataDirectory));
        Assert.Equal(
            $"Server=127.0.0.1;Port={Server.Port};User ID=archiveimport;Password={Server.Password};Database=catalog",
            Server.ConnectionString("catalog"));
    }

    [Fact]
    public async Task The_account_can_create_and_grant_like_an_administrator()
    {
        await using var connection = new MySqlConnection(Server.ConnectionString(""));
        await connection.OpenAsync();

        var grants = await ScalarAsync<string>(connection, "SHOW GRANTS FOR CURRENT_USER()");

        Assert.Contains("ALL PRIVILEGES ON *.*", grants, StringComparison.Ordinal);
        Assert.Contains("WITH GRANT OPTION", grants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_database_prefix_that_is_not_a_plain_name()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Server.CreateDatabaseAsync("x`; DROP DATABASE mysql; --"));
    }

    private static async Task<T> ScalarAsync<T>(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
