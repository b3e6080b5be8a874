using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CalmDesk.Interactions;

/// Counts what a context asks the database: the statements it runs and the rows it reads back.
internal sealed class StatementCounter : DbCommandInterceptor
{
    public int Statements { get; private set; }

    public int RowsRead { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Statements++;
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Statements++;
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Statements++;
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        RowsRead += eventData.ReadCount;
        return ValueTask.FromResult(result);
    }
}
