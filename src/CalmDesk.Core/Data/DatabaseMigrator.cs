using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

/// Brings the schema up to date. Safe to run on every start: applied migrations are skipped.
internal sealed class DatabaseMigrator(CalmDeskDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // WAL lets the web server read while an import writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Records stored before a search key existed get theirs now, before anyone searches.
        await Search.SearchKeys.BackfillAsync(db, cancellationToken);
        return pending;
    }
}
