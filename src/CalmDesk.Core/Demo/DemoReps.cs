using CalmDesk.Data;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// The reps' profiles in their own words, and one account handed over two days ago whose new rep has not yet
/// introduced herself: Trasporti Fontana, from Laura to Giulia.
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
    }
}
