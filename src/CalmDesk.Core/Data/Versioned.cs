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
    /// How many times an automatic write that lost a race (a message joining a case, the case following a reply) is
    /// done again from a fresh read before the conflict is reported.
    public const int Attempts = 5;

    /// True when a save lost a race: the record changed since it was read, another writer stored the same unique key,
    /// or the database chose this transaction to give way to another (a deadlock or a serialization failure on
    /// PostgreSQL; SQLite busy).
    /// The exception may come wrapped: EF's execution strategy reports a transient failure as an
    /// InvalidOperationException around the DbUpdateException around the database's own.
    public static bool IsConflict(Exception exception) =>
        Chain(exception).Any(e => e is DbUpdateConcurrencyException || (e is DbUpdateException update && Imports.ImportFile.IsUniqueViolation(update)) || GaveWay(e));

    /// As <see cref="IsConflict"/>, less SQLite answering busy past its timeout: that is a database held by a long writer,
    /// not a lost race, and doing the write again at once would only wait as long again.
    public static bool LostRace(Exception exception) =>
        IsConflict(exception) && !Chain(exception).Any(e => e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static bool GaveWay(Exception exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure }
        // SQLite: the database stayed locked past the busy timeout, or another writer committed since this transaction read.
        or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 };
}
