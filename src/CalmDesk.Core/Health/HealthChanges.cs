using CalmDesk.Customers;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CalmDesk.Health;

/// <summary>Keeps the stored account health honest: every save that adds, changes or removes a customer's records
/// (messages, invoices, payments, incidents, cases, promises, or the customer row itself) counts a change on that
/// customer's <see cref="HealthScore"/>, so the next read or the background refresh works it out again; a new customer
/// gets its row, waiting to be worked out. The mark is written in the save's transaction, so a crash cannot keep the
/// records and lose the mark.</summary>
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
                // A record whose own columns are untouched may still have changed through a part it owns (a message
                // analysed again: its mood, its situations).
                if (entry.State == EntityState.Unchanged && entry.Entity is ICustomerRecord unchanged && OwnedPartChanged(entry))
                {
                    touched.Add((unchanged, unchanged.CustomerId));
                }

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
            else if (entry.Entity is Customer customer && entry.State is EntityState.Modified or EntityState.Added)
            {
                // A new customer is known by its missing "before"; its id is read after the save.
                touched.Add((customer, entry.State == EntityState.Added ? 0 : customer.Id));
            }
        }

        return touched;
    }

    private static bool OwnedPartChanged(EntityEntry entry) =>
        entry.References.Any(r => r.Metadata is INavigation { ForeignKey.IsOwnership: true }
            && r.TargetEntry is { State: EntityState.Added or EntityState.Modified or EntityState.Deleted });

    public static async Task MarkAsync(CalmDeskDbContext db, List<(object Entity, int Before)> touched, CancellationToken cancellationToken)
    {
        foreach (var chunk in Ids(touched).Chunk(Chunk))
        {
            await db.HealthScores.Where(h => chunk.Contains(h.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(h => h.Changes, h => h.Changes + 1), cancellationToken);
        }

        foreach (var chunk in NewCustomers(touched).Chunk(Chunk))
        {
            await db.Database.ExecuteSqlRawAsync(InsertMissing(chunk), cancellationToken);
        }
    }

    public static void Mark(CalmDeskDbContext db, List<(object Entity, int Before)> touched)
    {
        foreach (var chunk in Ids(touched).Chunk(Chunk))
        {
            db.HealthScores.Where(h => chunk.Contains(h.CustomerId)).ExecuteUpdate(s => s.SetProperty(h => h.Changes, h => h.Changes + 1));
        }

        foreach (var chunk in NewCustomers(touched).Chunk(Chunk))
        {
            db.Database.ExecuteSqlRaw(InsertMissing(chunk));
        }
    }

    /// A row, never worked out, for each customer the condition that follows picks (unless another save or refresh
    /// wrote it first).
    private const string InsertRows =
        """
        INSERT INTO "HealthScores" ("CustomerId", "Changes", "Computed", "AsOf", "Settings", "Score", "BeforeScore", "CostsMore", "NetOrder",
            "Revenue", "Concessions", "Minutes", "AngerRecent", "AngerBefore", "AbuseIncidents", "BoundaryAsks", "Overdue", "OldestOverdueDays",
            "PaidLate", "Paid", "OpenCases", "PromisesBrokenByUs", "AbuseAtRep")
        SELECT "Id", 0, -1, '0001-01-01', '', 0, NULL, FALSE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM "Customers" WHERE
        """;

    private const string UnlessThere = " ON CONFLICT (\"CustomerId\") DO NOTHING";

    /// Rows for these customers: ids the database gave, at most a chunk of them, written into the statement.
    public static string InsertMissing(IEnumerable<int> customerIds) =>
        InsertRows + " \"Id\" IN (" + string.Join(',', customerIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")" + UnlessThere;

    /// Rows for every customer after the id given as the statement's one parameter.
    public const string InsertMissingAfter = InsertRows + " \"Id\" > {0}" + UnlessThere;

    private static IEnumerable<int> NewCustomers(List<(object Entity, int Before)> touched) =>
        touched.Where(t => t.Entity is Customer && t.Before == 0).Select(t => ((Customer)t.Entity).Id).Where(id => id > 0).Distinct().Order();

    private static IEnumerable<int> Ids(List<(object Entity, int Before)> touched) =>
        touched.SelectMany(t => new[] { t.Before, t.Entity is ICustomerRecord r ? r.CustomerId : ((Customer)t.Entity).Id }).Where(id => id > 0).Distinct().Order();
}
