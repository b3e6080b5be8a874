using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using CalmDesk.Offboarding;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// The reps' profiles in their own words; one account handed over two days ago whose new rep has not yet introduced
/// herself (Trasporti Fontana, from Laura to Giulia); Laura's line and a threat on a call that crosses it, so a
/// hand-over waits for the manager; three small accounts that take hours of calls and concessions (the squeaky
/// wheels); and the competitors a manager would recommend.
internal static class DemoReps
{
    private static readonly Dictionary<string, (string Experience, string Credentials)> Profiles = new(StringComparer.Ordinal)
    {
        ["James Whitfield"] = ("eleven years in trade sales, most of them with wine merchants and marine suppliers", "Member of the Institute of Sales Management"),
        ["Giulia Ferraro"] = ("dieci anni nella distribuzione alimentare per ristoranti e alberghi in Lombardia", "Sommelier AIS"),
        ["Nikos Papadakis"] = ("δεκαπέντε χρόνια στις πωλήσεις σε ξενοδοχεία και εστιατόρια της Κρήτης και της Αθήνας", "Πιστοποιημένος σύμβουλος πωλήσεων"),
        ["Laura Bianchi"] = ("eight years looking after logistics and manufacturing accounts", "Chartered Institute of Logistics and Transport, member"),
    };

    public static async Task AddAsync(CalmDeskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reps = await db.Reps.ToListAsync(cancellationToken);
        foreach (var rep in reps)
        {
            if (Profiles.TryGetValue(rep.DisplayName, out var profile))
            {
                (rep.Experience, rep.Credentials) = profile;
            }
        }

        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "demo-020", cancellationToken);
        var giulia = reps.Single(r => r.DisplayName == "Giulia Ferraro");
        db.Reassignments.Add(new Reassignment
        {
            CustomerId = customer.Id, FromRepId = customer.AssignedRepId, ToRepId = giulia.Id, At = now.AddDays(-2),
            Reason = "Giulia already looks after the other Italian accounts in Lombardy.",
        });
        customer.AssignedRepId = giulia.Id;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        await AddSqueakyWheelsAsync(db, now, cancellationToken);
        await AddCrossingAsync(db, reps.Single(r => r.DisplayName == "Laura Bianchi").Id, now, cancellationToken);
        db.Competitors.AddRange(
            new Competitor { Name = "Vini & Sapori Distribuzione", Note = "small restaurants and bars in Lombardy" },
            new Competitor { Name = "Aegean Supply Co.", Note = "hotels and tavernas on the islands" },
            new Competitor { Name = "Northern Wholesale Ltd", Note = "independent shops in the north of England" });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// Long calls every few weeks and a credit note or two: small accounts whose cost to serve eats their margin.
    private static async Task AddSqueakyWheelsAsync(CalmDeskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (externalId, calls, minutes, credit) in new[] { ("demo-001", 18, 80, 350m), ("demo-003", 30, 90, 600m), ("demo-022", 30, 80, 400m) })
        {
            var customer = await db.Customers.SingleAsync(c => c.ExternalId == externalId, cancellationToken);
            var rep = await db.Reps.Where(r => r.Id == customer.AssignedRepId).Select(r => r.DisplayName).FirstOrDefaultAsync(cancellationToken);
            for (var i = 0; i < calls; i++)
            {
                var when = now.AddDays(-10 - i * 11);
                db.Interactions.Add(new Interaction
                {
                    CustomerId = customer.Id, Channel = Channel.Call, Direction = Direction.Internal, OccurredAt = when, CreatedAt = when,
                    MinutesSpent = minutes, AuthorRepId = customer.AssignedRepId, AuthorName = rep, ExternalId = $"demo:long-call:{externalId}:{i}",
                    Body = "Long call going through the last delivery line by line again; agreed to check every item and call back.",
                });
            }

            var monthAgo = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-30);
            var last = await db.Invoices.Where(i => i.CustomerId == customer.Id && i.IssuedOn <= monthAgo).OrderByDescending(i => i.IssuedOn).FirstAsync(cancellationToken);
            db.Invoices.Add(new Invoice
            {
                CustomerId = customer.Id, Number = last.Number + "-CN", Kind = InvoiceKind.CreditNote, IssuedOn = last.IssuedOn.AddDays(5),
                DueOn = last.IssuedOn.AddDays(5), Amount = credit, Currency = last.Currency, CorrectsInvoiceId = last.Id, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// Laura accepts two incidents a month and never a threat; a threat on yesterday's call crosses it.
    private static async Task AddCrossingAsync(CalmDeskDbContext db, int lauraId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.RepTolerances.Add(new RepTolerance { RepId = lauraId, MaxIn30Days = 2, Never = "threat_of_violence,discriminatory,harassment", UpdatedAt = now.AddDays(-60) });
        await db.SaveChangesAsync(cancellationToken);
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "demo-024", cancellationToken);
        var incident = new AbuseIncident
        {
            CustomerId = customer.Id, RepId = lauraId, Severity = IncidentSeverity.High, Kinds = "threat_of_violence,insult", Source = IncidentSource.Manual,
            Evidence = "\u201cSe non arriva entro venerdì vengo lì e ti sistemo io, incapace.\u201d", OccurredAt = now.AddDays(-1), RecordedAt = now.AddDays(-1),
            Note = "Said on the phone about the late spare parts.",
        };
        db.AbuseIncidents.Add(incident);
        await HandoverDesk.SuggestIfCrossedAsync(db, customer.Id, lauraId, incident, now.AddDays(-1), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
