using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CalmDesk.Data.Postgres;

/// Lets `dotnet ef migrations add` build the context for PostgreSQL; no server is contacted to add a migration.
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CalmDeskDbContext>
{
    public CalmDeskDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CalmDeskDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=calmdesk_design").Configure(options);
        return new CalmDeskDbContext(options.Options);
    }
}
