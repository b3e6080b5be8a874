using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Data;

/// A record people change by reading it, deciding and writing it back (a promise kept, a hand-over approved, a case
/// resolved, a let-go checklist approved). Its version is a concurrency token: of two writers who read the same
/// version, the second one's save fails instead of repeating what the first did (two approvals, two letters, two
/// follow-up promises), and the user is told someone else changed it at that moment.
internal interface IVersioned
{
    int Version { get; set; }
}

/// How the program tells a conflicting write from a fault.
internal static class Conflicts
{
    /// True when a save lost a race: the record changed since it was read, another writer stored the same unique key,
    /// or the database chose this transaction to give way to another (a deadlock or a serialization failure on
    /// PostgreSQL; SQLite busy).
    /// The exception may come wrapped: EF's execution strategy reports a transient failure as an
    /// InvalidOperationException around the DbUpdateException around the database's own.
    public static bool IsConflict(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbUpdateConcurrencyException || (current is DbUpdateException update && Imports.ImportFile.IsUniqueViolation(update)) || GaveWay(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GaveWay(Exception exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure }
        // SQLite: the database stayed locked past the busy timeout, or another writer committed since this transaction read.
        or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 };
}
