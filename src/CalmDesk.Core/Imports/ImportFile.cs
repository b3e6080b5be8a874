namespace CalmDesk.Imports;

internal static class ImportFile
{
    /// Opens a file for an import with a buffer large enough for sequential reading.
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// Saves one record in its own transaction and counts it; a key stored meanwhile by another writer
    /// (a concurrent or resumed import) counts as a duplicate. The tracker is cleared either way.
    public static async Task SaveRecordAsync(Microsoft.EntityFrameworkCore.DbContext db, ImportReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            report.CountImported();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            report.CountDuplicate();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// True when a save failed because another writer stored the same key first (a concurrent or resumed import).
    public static bool IsUniqueViolation(Microsoft.EntityFrameworkCore.DbUpdateException exception) =>
        exception.InnerException switch
        {
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
