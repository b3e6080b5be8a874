using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CalmDesk.Data;

/// <summary>
/// What SQLite keeps per connection rather than in the file, set each time EF Core opens one:
/// <list type="bullet">
/// <item>a busy timeout, so a writer that finds the file locked waits in SQLite's own handler (sleeps of a few
/// milliseconds) instead of failing at once into Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms a round: under
/// concurrent writes that sleep was most of the p99;</item>
/// <item>synchronous = NORMAL: with the write-ahead log (the migrator turns it on) a commit is written to the log and the
/// log is synced at each checkpoint rather than at every commit. A killed process (kill -9) loses nothing it has
/// acknowledged and cannot corrupt the file; a power cut may lose the last commits before it (SQLite's documented
/// trade-off, the usual choice with WAL).</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    /// How long SQLite itself waits for a lock before answering busy; the command's own timeout (30 s) bounds the rest.
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    // The SQLite handles already set: Microsoft.Data.Sqlite pools them, and EF Core opens a connection for each query, so
    // without this the two statements were parsed and run before every query (two of every three statements a request ran).
    private static readonly ConditionalWeakTable<object, object> Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSet(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSet(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsSet(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && Done.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Done.AddOrUpdate(handle, Instance);
        }
    }
}
