using Npgsql;

namespace CalmDesk.Data;

/// Creates and drops throw-away PostgreSQL databases on the server named by CALMDESK_TEST_POSTGRES.
/// Shared (as a linked file) by every test project that runs on PostgreSQL.
internal static class PostgresTestDatabase
{
    public const string Variable = "CALMDESK_TEST_POSTGRES";

    /// The admin connection string, or a skip; under CI=true a failure, since CI must test PostgreSQL.
    public static string RequireServer()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(admin))
        {
            return admin;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI=true but {Variable} is not set: PostgreSQL tests must run in CI.");
        }

        Assert.Skip($"PostgreSQL not configured (set {Variable} to run these tests).");
        return "";
    }

    public static async Task<string> CreateAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string NewName() => "calmdesk_test_" + Guid.NewGuid().ToString("N")[..16];
}
