using CalmDesk.Boundaries;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Demo;

/// The demo's written terms (the organisation's, each clause in English, Italian and Greek; one Italian contract in Italian) and three messages that ask for
/// what they exclude: a Sunday delivery, a start without the deposit, a discount and payment terms beyond the limits.
internal static class DemoTerms
{
    private static readonly (string Customer, int DaysAgo, string Subject, string Body)[] Asks =
    [
        ("demo-013", 1, "Consegna domenica?", "Buongiorno, sabato sera abbiamo una festa privata e il vino ci serve domenica mattina. Potete fare la consegna domenica verso le 9? Grazie, Nino"),
        ("demo-025", 2, "Έναρξη εργασιών", "Καλησπέρα σας, θα θέλαμε να ξεκινήσετε την Δευτέρα χωρίς προκαταβολή, θα πληρώσουμε όλο το ποσό στο τέλος. Γίνεται;"),
        ("demo-001", 3, "Next order", "Hi, for the next order we'd like a 20% discount, and we'd prefer to pay at 60 days as our other suppliers allow. Can you confirm?"),
    ];

    public static async Task AddAsync(CalmDeskDbContext db, MessageIntake intake, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Terms.Add(new Terms
        {
            DepositPercent = 30, DepositMethods = "IBAN / Visa / Mastercard", OpenDays = "mon,tue,wed,thu,fri,sat", OpensAt = new(8, 0), ClosesAt = new(18, 0),
            DeliveryDays = "mon,tue,wed,thu,fri", PaymentTermsDays = 30, MaxDiscountPercent = 10, ResponseHours = 24, UpdatedAt = now,
            Clauses = "delivery: Deliveries are made Monday to Friday, between 8:00 and 17:00.\n"
                + "deposit: Work is scheduled once a 30% deposit has been received.\n"
                + "discount: Discounts may not exceed 10% of the list price.\n"
                + "payment: Invoices are payable within 30 days of issue.\n"
                + "consegna: Le consegne si fanno dal lunedì al venerdì, tra le 8:00 e le 17:00.\n"
                + "acconto: Il lavoro viene messo in calendario dopo aver ricevuto un acconto del 30%.\n"
                + "sconto: Gli sconti non superano il 10% del prezzo di listino.\n"
                + "pagamento: Le fatture si pagano entro 30 giorni dall'emissione.\n"
                + "παράδοση: Οι παραδόσεις γίνονται από Δευτέρα έως Παρασκευή, 8:00–17:00.\n"
                + "προκαταβολή: Η εργασία προγραμματίζεται αφού λάβουμε προκαταβολή 30%.\n"
                + "έκπτωση: Οι εκπτώσεις δεν ξεπερνούν το 10% της τιμής καταλόγου.\n"
                + "πληρωμή: Τα τιμολόγια εξοφλούνται εντός 30 ημερών από την έκδοσή τους.",
        });
        var nino = await db.Customers.SingleAsync(c => c.ExternalId == "demo-013", cancellationToken);
        db.Terms.Add(new Terms
        {
            CustomerId = nino.Id, UpdatedAt = now,
            Clauses = "delivery: Le consegne si effettuano dal lunedì al venerdì, dalle 8 alle 17.\npayment: Pagamento a 30 giorni data fattura.",
        });
        var taverna = await db.Customers.SingleAsync(c => c.ExternalId == "demo-025", cancellationToken);
        db.Terms.Add(new Terms
        {
            CustomerId = taverna.Id, UpdatedAt = now, DepositMethods = "τραπεζική μεταφορά ή κάρτα",
            Clauses = "deposit: Οι εργασίες προγραμματίζονται μετά την καταβολή προκαταβολής 30%.\ndelivery: Οι παραδόσεις γίνονται Δευτέρα έως Παρασκευή, 8:00–17:00.",
        });

        foreach (var (externalId, daysAgo, subject, body) in Asks)
        {
            var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.ExternalId == externalId, cancellationToken);
            var contact = customer.Contacts.OrderBy(c => c.Id).First();
            var interaction = new Interaction
            {
                CustomerId = customer.Id, ContactId = contact.Id, AuthorName = contact.Name, ExternalId = $"demo:terms:{externalId}",
                Channel = Channel.Email, Direction = Direction.Inbound, OccurredAt = now.AddDays(-daysAgo).AddHours(-2), CreatedAt = now,
                Subject = subject, Body = body,
            };
            await intake.AcceptAsync(interaction, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
