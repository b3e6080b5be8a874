using CalmDesk.Customers;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CalmDesk.Health;

/// <summary>Keeps the stored account health honest: every save that adds, changes or removes a customer's records
/// (messages, invoices, payments, incidents, cases, promises, or the customer row itself) counts a change on that
/// customer's <see cref="HealthScore"/>, so the next read or the background refresh works it out again. The mark is
/// written right after the save, in its transaction when the caller holds one.</summary>
internal static class HealthChanges
{
    private const int Chunk = 500;

    private static readonly HashSet<string> Settled = new(StringComparer.Ordinal)
    {
        nameof(Receivables.Invoice.Open), nameof(Receivables.Invoice.Outstanding), nameof(Receivables.Invoice.SettledOn), nameof(Receivables.Invoice.DaysToPay),
    };

    /// The records about to be saved that concern a customer, with the customer they were on before (a record moved
    /// from one customer to another changes both). Their ids are read after the save: a new record's foreign key is
    /// only known then.
    public static List<(object Entity, int Before)> Touched(ChangeTracker tracker)
    {
        var touched = new List<(object, int)>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is ICustomerRecord record)
            {
                if (entry.State == EntityState.Modified && entry.Properties.Where(p => p.IsModified).All(p => Settled.Contains(p.Metadata.Name)))
                {
                    // The refresh writing an invoice's settled state: what it read, not a change to read again.
                    continue;
                }

                var before = entry.State == EntityState.Added ? 0 : entry.Property(nameof(ICustomerRecord.CustomerId)).OriginalValue as int? ?? 0;
                touched.Add((record, before));
            }
            else if (entry.Entity is Customer customer && entry.State == EntityState.Modified)
            {
                touched.Add((customer, customer.Id));
            }
        }

        return touched;
    }

    public static async Task MarkAsync(CalmDeskDbContext db, List<(object Entity, int Before)> touched, CancellationToken cancellationToken)
    {
        foreach (var chunk in Ids(touched).Chunk(Chunk))
        {
            await db.HealthScores.Where(h => chunk.Contains(h.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(h => h.Changes, h => h.Changes + 1), cancellationToken);
        }
    }

    public static void Mark(CalmDeskDbContext db, List<(object Entity, int Before)> touched)
    {
        foreach (var chunk in Ids(touched).Chunk(Chunk))
        {
            db.HealthScores.Where(h => chunk.Contains(h.CustomerId)).ExecuteUpdate(s => s.SetProperty(h => h.Changes, h => h.Changes + 1));
        }
    }

    private static IEnumerable<int> Ids(List<(object Entity, int Before)> touched) =>
        touched.SelectMany(t => new[] { t.Before, t.Entity is ICustomerRecord r ? r.CustomerId : ((Customer)t.Entity).Id }).Where(id => id > 0).Distinct().Order();
}
