namespace CalmDesk.Data;

public sealed class DatabaseSettingsTests
{
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
