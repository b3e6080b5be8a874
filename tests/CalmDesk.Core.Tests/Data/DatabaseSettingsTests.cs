using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

public sealed class DatabaseSettingsTests
{
    /// The settings are SQLite's per connection; they are set when a connection is first opened and hold on every later
    /// context that gets it again from the pool (EF Core opens one for each query, so they are not set again each time).
    [Fact]
    public async Task SqliteConnections_WaitForALockInSqlite_AndSyncTheLogAtCheckpoints_AlsoWhenTakenAgainFromThePool()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        object? firstHandle = null;
        for (var round = 1; round <= 2; round++)
        {
            await using var db = database.NewContext();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();

            async Task<string?> Pragma(string name)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA " + name;
                return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            Assert.Equal("5000", await Pragma("busy_timeout"));
            Assert.Equal("1", await Pragma("synchronous")); // NORMAL
            Assert.Equal("wal", await Pragma("journal_mode"));
            if (round == 1)
            {
                firstHandle = connection.Handle;
            }
            else
            {
                Assert.Same(firstHandle, connection.Handle);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public void Resolve_WithoutProvider_UsesAnSqliteFileInTheDataFolder()
    {
        var settings = DatabaseSettings.Resolve(null, null, "/srv/calmdesk");

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains("/srv/calmdesk/calmdesk.db", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PostgresWithoutConnectionString_ExplainsWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("postgres", "", "/data"));

        Assert.Contains("ConnectionStrings__CalmDesk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownProvider_NamesTheSupportedOnes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("mysql", "x", "/data"));

        Assert.Contains("'sqlite' or 'postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Postgres_NeverShowsThePassword()
    {
        var settings = DatabaseSettings.Resolve("postgres", "Host=db.internal;Database=calmdesk;Username=app;Password=s3cret", "/data");

        Assert.DoesNotContain("s3cret", settings.Describe(), StringComparison.Ordinal);
        Assert.Contains("db.internal", settings.Describe(), StringComparison.Ordinal);
    }
}
