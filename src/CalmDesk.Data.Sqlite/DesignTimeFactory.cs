using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CalmDesk.Data.Sqlite;

/// Lets `dotnet ef migrations add` build the context for SQLite without starting the program.
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CalmDeskDbContext>
{
    public CalmDeskDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CalmDeskDbContext>();
        DatabaseSettings.ForSqliteFile("design-time.db").Configure(options);
        return new CalmDeskDbContext(options.Options);
    }
}
