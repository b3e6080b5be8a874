using System.Data.Common;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CalmDesk.Interactions;

/// Another writer (another instance, a mailbox fetch) that changes a case at the worst moment: it raises the case's
/// version from its own connection once, right after the context it watches first finished reading cases, so that
/// context's save finds a newer version than it read.
internal sealed class RivalAfterCaseRead(TestDatabase database, int caseId) : DbCommandInterceptor
{
    public int Reads { get; private set; }

    public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (command.CommandText.Contains("FROM \"Cases\"", StringComparison.Ordinal) && ++Reads == 1)
        {
            await using var other = database.NewContext();
            await other.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1));
        }

        return result;
    }
}
