namespace CalmDesk.Imports;

internal static class ImportFile
{
    /// Opens a file for an import with a buffer large enough for sequential reading.
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// True when a save failed because another writer stored the same key first (a concurrent or resumed import).
    public static bool IsUniqueViolation(Microsoft.EntityFrameworkCore.DbUpdateException exception) =>
        exception.InnerException switch
        {
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
