using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

/// Where the data lives: an SQLite file in the data folder by default, or a PostgreSQL server.
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "CalmDesk.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "CalmDesk.Data.Postgres";

    public static DatabaseSettings ForSqliteFile(string path) => new(
        DatabaseProvider.Sqlite,
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString());

    /// Reads `Database:Provider` (sqlite or postgres) and `ConnectionStrings:CalmDesk`; SQLite in dataDirectory otherwise.
    public static DatabaseSettings Resolve(string? provider, string? connectionString, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? ForSqliteFile(Path.Combine(dataDirectory, "calmdesk.db"))
                : new DatabaseSettings(DatabaseProvider.Sqlite, connectionString);
        }

        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is 'postgres' but no connection string is set. Set ConnectionStrings:CalmDesk (for example with the environment variable ConnectionStrings__CalmDesk).");
            }

            return new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
        }

        throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'sqlite' or 'postgres'.");
    }

    /// `ids.Contains(x)` over a list in memory becomes one parameter holding the whole list (a JSON array, or a
    /// PostgreSQL array), never one parameter per item: EF Core 10's default, which breaks past SQLite's 32,766
    /// variables (a dashboard over 33,000 customers) and PostgreSQL's 65,535.
    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(SqliteConnectionSetup.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }

    /// What may be shown to a person: the SQLite file, or the PostgreSQL host and database, never a password.
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
