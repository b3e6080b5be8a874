using System.Data.Common;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CalmDesk.Interactions;

/// Another writer that changes a case just before the watched context first saves, whatever that context read before:
/// it raises the case's version from its own connection once, as the save's transaction is about to begin (a message's
/// save holds one, for the health marks and the audit), so the save finds a newer version than it read. It does so before
/// the first <paramref name="times"/> saves.
internal sealed class RivalBeforeSave(TestDatabase database, int caseId, int times = 1) : DbTransactionInterceptor
{
    public int Saves { get; private set; }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (++Saves <= times)
        {
            await using var other = database.NewContext();
            await other.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        }

        return result;
    }
}
