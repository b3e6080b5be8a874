using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Search;

/// Gives a search key to every record stored before it had one (an upgrade adds the key column empty). Runs after each
/// migration; with nothing to do it costs one query per kind of record.
internal static class SearchKeys
{
    private const int Batch = 500;

    public static async Task<int> BackfillAsync(CalmDeskDbContext db, CancellationToken cancellationToken = default)
    {
        var done = 0;
        done += await FillAsync(db.Interactions.Where(i => i.SearchKey == null).OrderBy(i => i.Id), db, cancellationToken);
        done += await FillAsync(db.Cases.Where(c => c.SearchKey == null).OrderBy(c => c.Id), db, cancellationToken);
        done += await FillAsync(db.Invoices.Where(i => i.SearchKey == null).OrderBy(i => i.Id), db, cancellationToken);

        // Customers' keys are kept by hand, because they need the contacts; an empty key is one to make again.
        while (true)
        {
            var customers = await db.Customers.Include(c => c.Contacts).Where(c => c.SearchKey == "").OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var customer in customers)
            {
                customer.RefreshSearchKey();
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += customers.Count;
            if (customers.Count < Batch || customers.TrueForAll(c => c.SearchKey.Length == 0))
            {
                return done;
            }
        }
    }

    private static async Task<int> FillAsync<T>(IQueryable<T> missing, CalmDeskDbContext db, CancellationToken cancellationToken)
        where T : class, ISearchable
    {
        var done = 0;
        while (true)
        {
            var batch = await missing.Take(Batch).ToListAsync(cancellationToken);
            foreach (var record in batch)
            {
                record.RefreshSearchKey();
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Count;
            if (batch.Count < Batch)
            {
                return done;
            }
        }
    }
}
