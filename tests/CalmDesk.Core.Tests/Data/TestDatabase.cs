using CalmDesk.Accounts;
using CalmDesk.Reps;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CalmDesk.Data;

/// A real, empty, migrated database for one test: an SQLite file, or a fresh PostgreSQL database when
/// CALMDESK_TEST_POSTGRES holds a connection string (required under CI=true, skipped otherwise).
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        TestDatabase database;
        if (provider == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "calmdesk-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            database = new TestDatabase(DatabaseSettings.ForSqliteFile(Path.Combine(folder, "calmdesk.db")), folder, null, null);
        }
        else
        {
            var admin = PostgresTestDatabase.RequireServer();
            var name = PostgresTestDatabase.NewName();
            var connectionString = await PostgresTestDatabase.CreateAsync(admin, name);
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, connectionString), null, admin, name);
        }

        await using var db = database.NewContext();
        await new DatabaseMigrator(db).MigrateAsync();
        return database;
    }

    public CalmDeskDbContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<CalmDeskDbContext>();
        Settings.Configure(options);
        options.AddInterceptors(interceptors);
        return new CalmDeskDbContext(options.Options);
    }

    /// New contexts on this database, as the program's context factory makes them.
    public IDbContextFactory<CalmDeskDbContext> Contexts => new ContextFactory(this);

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<CalmDeskDbContext>
    {
        public CalmDeskDbContext CreateDbContext() => database.NewContext();
    }

    /// Services over this database, registered by the same <see cref="CoreServices.AddCalmDeskCore"/> the program
    /// calls, on the test's clock and with the default configuration.
    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCalmDeskCore(new ConfigurationBuilder().Build(), Settings, _sqliteFolder ?? Path.Combine(Path.GetTempPath(), "calmdesk-tests", "postgres-data"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// Creates a rep with the given role and returns its id and user id.
    public async Task<(int RepId, string UserId)> AddRepAsync(string email, string role = Roles.Rep)
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new IdentityRole(name));
            }
        }

        var (rep, errors) = await scope.ServiceProvider.GetRequiredService<RepDirectory>().CreateAsync(email, email.Split('@')[0], "Quiet-Harbour-47", [role]);
        Assert.True(rep is not null, string.Join(" ", errors.SelectMany(e => e.Value)));
        return (rep.Id, rep.UserId);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_sqliteFolder is not null)
        {
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow disk is left for the OS temp cleaner; it holds only test data.
            }
        }

        if (_postgresAdmin is not null)
        {
            await PostgresTestDatabase.DropAsync(_postgresAdmin, _postgresName!);
        }
    }
}
