using CalmDesk.Campaigns;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// The demo's price campaign: the whole price list up 4.5% in five weeks, announced five days ago to the customers
/// who buy in euros (three still waiting in draft), and the replies so far: three angry, two calm.
internal static class DemoCampaign
{
    private static readonly (string Customer, int HoursAgo, string Subject, string Body)[] Replies =
    [
        ("demo-013", 70, "Re: aumento", "Ma state scherzando? Un altro aumento? Ogni anno la stessa storia, siete dei ladri. Se continua così cambio fornitore, la pazienza è finita!"),
        ("demo-018", 46, "Re: variazione prezzi", "Ho ricevuto la vostra lettera. INACCETTABILE. Pago sempre puntuale e questo è il ringraziamento? Sono davvero furioso."),
        ("demo-026", 30, "Re: Αλλαγή στις τιμές", "Είναι απαράδεκτο! Πάλι αύξηση; Σας πληρώνουμε πάντα στην ώρα μας και εσείς μας κοροϊδεύετε. Θα ψάξουμε άλλο προμηθευτή."),
        ("demo-012", 50, "Re: A change to your prices", "Thanks for the early notice. Could you send the new price list before we place the January order? We may group two orders to reach the discount."),
        ("demo-029", 20, "Re: Αλλαγή στις τιμές", "Ευχαριστούμε για την ενημέρωση. Θα θέλαμε να δούμε την προσφορά για μεγαλύτερες παραγγελίες."),
    ];

    /// Left in draft so a visitor can read one and send it.
    private static readonly HashSet<string> Drafts = new(StringComparer.Ordinal) { "demo-019", "demo-031", "demo-036" };

    public static async Task AddAsync(CalmDeskDbContext db, PlaybookLibrary library, MessageIntake intake, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sentAt = now.AddDays(-5);
        var campaign = new Campaign
        {
            Name = "Price review 2027", Percent = 4.5m, EffectiveOn = today.AddDays(36), Reasons = "supplier,shipping,energy",
            CompetitorPercent = 7m, OrderThreshold = 1500m, BetterRatePercent = 3m, Currency = "EUR", CreatedAt = sentAt.AddHours(-3),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        var since = today.AddMonths(-12);
        var reached = await db.Customers
            .Where(c => c.Status == Customers.CustomerStatus.Active && db.Invoices.Any(i => i.CustomerId == c.Id && i.Currency == "EUR" && i.IssuedOn > since))
            .Select(c => new { c.Id, c.ExternalId, c.AssignedRepId, Rep = c.AssignedRep!.DisplayName })
            .ToListAsync(cancellationToken);
        await CampaignDesk.DraftAsync(db, library, campaign, [.. reached.Select(c => c.Id)], today, cancellationToken);

        foreach (var recipient in await db.CampaignRecipients.Where(r => r.CampaignId == campaign.Id).ToListAsync(cancellationToken))
        {
            var customer = reached.Single(c => c.Id == recipient.CustomerId);
            if (Drafts.Contains(customer.ExternalId!) || customer.AssignedRepId is not { } repId)
            {
                continue;
            }

            var sent = new Interaction
            {
                CustomerId = customer.Id, Channel = Channel.Email, Direction = Direction.Outbound, OccurredAt = sentAt, CreatedAt = sentAt,
                Subject = recipient.Subject, Body = recipient.Body, AuthorRepId = repId, AuthorName = customer.Rep, ExternalId = $"demo:campaign:{customer.ExternalId}",
            };
            await intake.AcceptAsync(sent, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            recipient.Status = RecipientStatus.Sent;
            recipient.SentAt = sentAt;
            recipient.SentByRepId = repId;
            recipient.InteractionId = sent.Id;
            db.Commitments.Add(CampaignDesk.FollowUp(campaign, customer.Id, repId, sentAt));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        foreach (var (externalId, hoursAgo, subject, body) in Replies)
        {
            var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.ExternalId == externalId, cancellationToken);
            var contact = customer.Contacts.OrderBy(c => c.Id).First();
            var reply = new Interaction
            {
                CustomerId = customer.Id, ContactId = contact.Id, AuthorName = contact.Name, ExternalId = $"demo:campaign-reply:{externalId}",
                Channel = Channel.Email, Direction = Direction.Inbound, OccurredAt = now.AddHours(-hoursAgo), CreatedAt = now.AddHours(-hoursAgo),
                Subject = subject, Body = body,
            };
            await intake.AcceptAsync(reply, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
    }
}
