namespace CalmDesk.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
