using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void Model_HasNoChangesMissingFromTheSqliteMigrations()
    {
        using var db = Context(DatabaseSettings.ForSqliteFile(Path.Combine(Path.GetTempPath(), "never-opened.db")));
        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add' for src/CalmDesk.Data.Sqlite.");
    }

    [Fact]
    public void Model_HasNoChangesMissingFromThePostgresMigrations()
    {
        using var db = Context(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=never_opened"));
        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add' for src/CalmDesk.Data.Postgres.");
    }

    [Theory]
    [AllDatabases]
    public async Task MigrateAsync_OnAMigratedDatabase_AppliesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var applied = await new DatabaseMigrator(db).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(applied);
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MigrateAsync_OnSqlite_TurnsOnWriteAheadLogging()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", Assert.Single(mode));
    }

    private static CalmDeskDbContext Context(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<CalmDeskDbContext>();
        settings.Configure(options);
        return new CalmDeskDbContext(options.Options);
    }
}
