using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

/// Brings the schema up to date. Safe to run on every start: applied migrations are skipped.
internal sealed class DatabaseMigrator(CalmDeskDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (file.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && file.DataSource is { Length: > 0 } path && path != ":memory:")
            {
                CreatePrivately(Path.GetDirectoryName(Path.GetFullPath(path)), path);
            }
        }

        // A database a newer CalmDesk has migrated may hold what this version cannot read or would damage.
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new NewerDatabaseException(
                $"The database was upgraded by a newer CalmDesk (it has {string.Join(", ", unknown)}, which this version does not know). Start the newer version, or restore a backup made before the upgrade.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // WAL lets the web server read while an import writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Statistics for the query planner, from a sample of each index (about 30 ms on a 9 GB book). Without them
            // SQLite takes "merged into nothing" for a selective condition and reads every case through that index
            // instead of a customer's few (0.7 ms against 60 ms on a 124,000-case book). PostgreSQL keeps its own.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; ANALYZE;", cancellationToken);
        }

        // Records stored before a search key existed get theirs now, before anyone searches.
        await Search.SearchKeys.BackfillAsync(db, cancellationToken);
        return pending;
    }

    /// The data folder and the database file are made readable by their owner only: the file holds every customer's
    /// mail and every user's password hash.
    private static void CreatePrivately(string? folder, string path)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            // An empty file is an empty SQLite database; its journal files take the same permissions.
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
    }
}

/// The database is newer than this program: refusing to start is safer than guessing.
internal sealed class NewerDatabaseException(string message) : Exception(message);
