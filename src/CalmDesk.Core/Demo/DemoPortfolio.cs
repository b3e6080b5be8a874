using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Playbooks;
using CalmDesk.Reps;

namespace CalmDesk.Demo;

/// A realistic, reproducible portfolio for a first look: four reps and a manager, three dozen customers
/// in England, Italy and Greece, a few hundred interactions from polite to abusive, and a year of invoices and payments. Its messages are analysed as any message is, by the installation's active model.
internal sealed class DemoPortfolio(
    CalmDeskDbContext db, RepDirectory reps, TimeProvider clock, PlaybookStore playbooks, MessageIntake intake,
    Mail.AttachmentStore? documents = null)
{
    public const string Password = "CalmDesk-demo-2026";
    public const string ManagerEmail = "manager@demo.calmdesk.app";
    public const string AdminEmail = "admin@demo.calmdesk.app";
    public static readonly IReadOnlyList<string> RepEmails =
        ["james@demo.calmdesk.app", "giulia@demo.calmdesk.app", "nikos@demo.calmdesk.app", "laura@demo.calmdesk.app"];

    private static readonly (string Email, string Name, string[] Roles, string Culture)[] People =
    [
        (ManagerEmail, "Helen Carter", [Roles.Manager], "en"),
        (AdminEmail, "Sam Okafor", [Roles.Admin, Roles.Manager], "en"),
        (RepEmails[0], "James Whitfield", [Roles.Rep], "en"),
        (RepEmails[1], "Giulia Ferraro", [Roles.Rep], "it"),
        (RepEmails[2], "Nikos Papadakis", [Roles.Rep], "el"),
        (RepEmails[3], "Laura Bianchi", [Roles.Rep], "en"),
    ];

    // (company, segment, language, currency, contact, rep index)
    private static readonly (string Company, string Segment, string Language, string Currency, string Contact, int Rep)[] Companies =
    [
        ("Harbour Lane Wines", "Hospitality", "en", "GBP", "Oliver Grant", 0),
        ("Brightwell Dental Group", "Healthcare", "en", "GBP", "Priya Shah", 0),
        ("Kestrel Logistics Ltd", "Logistics", "en", "GBP", "Tom Becker", 0),
        ("Millstone Bakery", "Retail", "en", "GBP", "Anne Hollis", 0),
        ("Northgate Builders", "Construction", "en", "GBP", "Craig Dunn", 0),
        ("The Copper Kettle", "Hospitality", "en", "GBP", "Martha Lowe", 0),
        ("Avalon Print & Sign", "Services", "en", "GBP", "Ray Morton", 3),
        ("Greenfield Garden Centres", "Retail", "en", "GBP", "Susan Pike", 3),
        ("Redbridge Hotel", "Hospitality", "en", "GBP", "Daniel Okafor", 3),
        ("Summit Fitness Clubs", "Leisure", "en", "USD", "Kelly Nguyen", 3),
        ("Westbury Catering", "Hospitality", "en", "GBP", "Lucy Fenwick", 0),
        ("Blue Anchor Marine", "Manufacturing", "en", "EUR", "Peter Marsh", 3),
        ("Trattoria Da Nino", "Hospitality", "it", "EUR", "Nino Esposito", 1),
        ("Ferramenta Colombo S.r.l.", "Retail", "it", "EUR", "Paolo Colombo", 1),
        ("Studio Dentistico Moretti", "Healthcare", "it", "EUR", "Chiara Moretti", 1),
        ("Costruzioni Galli S.p.A.", "Construction", "it", "EUR", "Roberto Galli", 1),
        ("Enoteca Il Grappolo", "Retail", "it", "EUR", "Franca Ricci", 1),
        ("Hotel Bellavista", "Hospitality", "it", "EUR", "Marco Greco", 1),
        ("Pasticceria Rinaldi", "Retail", "it", "EUR", "Sara Rinaldi", 3),
        ("Trasporti Fontana", "Logistics", "it", "EUR", "Luca Fontana", 3),
        ("Tipografia Conti", "Services", "it", "EUR", "Anna Conti", 1),
        ("Palestra Olimpo", "Leisure", "it", "EUR", "Davide Bruno", 3),
        ("Agriturismo Le Querce", "Hospitality", "it", "EUR", "Elisa Marino", 1),
        ("Officine Meccaniche Villa", "Manufacturing", "it", "EUR", "Giorgio Villa", 3),
        ("Ταβέρνα Το Λιμανάκι", "Hospitality", "el", "EUR", "Γιώργος Αντωνίου", 2),
        ("Φαρμακείο Παπαδοπούλου", "Healthcare", "el", "EUR", "Ελένη Παπαδοπούλου", 2),
        ("Κατασκευαστική Αιγαίου Α.Ε.", "Construction", "el", "EUR", "Δημήτρης Νικολάου", 2),
        ("Αρτοποιείο Ο Φούρνος", "Retail", "el", "EUR", "Κατερίνα Γεωργίου", 2),
        ("Ξενοδοχείο Ακρογιάλι", "Hospitality", "el", "EUR", "Σπύρος Μαυρίδης", 2),
        ("Μεταφορική Βορείου Ελλάδος", "Logistics", "el", "EUR", "Βασίλης Ιωάννου", 2),
        ("Κάβα Οινόπνευμα", "Retail", "el", "EUR", "Μαρία Κωνσταντίνου", 2),
        ("Γυμναστήριο Άλμα", "Leisure", "el", "EUR", "Νίκος Δημητρίου", 2),
        ("Τυπογραφείο Ερμής", "Services", "el", "EUR", "Άννα Σταύρου", 2),
        ("Ζαχαροπλαστείο Γλυκό Νησί", "Retail", "el", "EUR", "Χρήστος Βλάχος", 2),
        ("Μηχανουργείο Κρήτης", "Manufacturing", "el", "EUR", "Ιωάννης Μαρκάκης", 2),
        ("Εστιατόριο Θάλασσα", "Hospitality", "el", "EUR", "Σοφία Λαμπράκη", 2),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var repIds = new Dictionary<string, (int Id, string Name)>();
        foreach (var (email, name, roles, culture) in People)
        {
            var (rep, errors) = await reps.CreateAsync(email, name, Password, roles, culture, cancellationToken: cancellationToken);
            if (rep is null)
            {
                throw new InvalidOperationException($"Demo user {email}: " + string.Join(" ", errors.SelectMany(e => e.Value)));
            }

            repIds[email] = (rep.Id, name);
        }

        var banks = DemoMessages.Load();
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var index = 0; index < Companies.Length; index++)
        {
            var spec = Companies[index];
            var rep = repIds[RepEmails[spec.Rep]];
            var customer = new Customer
            {
                Company = spec.Company,
                Segment = spec.Segment,
                PreferredLanguage = spec.Language,
                Currency = spec.Currency,
                AssignedRepId = rep.Id,
                Status = index % 11 == 5 ? CustomerStatus.OnHold : index % 13 == 7 ? CustomerStatus.Prospect : CustomerStatus.Active,
                ContractRenewalDate = today.AddDays(20 + (index * 17 % 340)),
                ExternalId = $"demo-{index + 1:000}",
                CreatedAt = now.AddDays(-400 + index),
                PostalAddress = DemoAddress(spec.Language, index),
            };
            var contact = new Contact
            {
                Name = spec.Contact,
                Email = $"{Slug(spec.Company, index)}@customers.example",
                Phone = spec.Language switch { "it" => "+39 02 5550 " + (1000 + index), "el" => "+30 21 0555 " + (1000 + index), _ => "+44 20 7946 " + (1000 + index) },
                Language = spec.Language,
            };
            customer.Contacts.Add(contact);
            customer.RefreshSearchKey();
            db.Customers.Add(customer);
            await db.SaveChangesAsync(cancellationToken);

            await AddInteractionsAsync(customer, contact, rep, banks[spec.Language], random, now, index, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await DemoAccounts.AddAsync(db, customer.Id, customer.Currency, index, random, today, cancellationToken, documents);
            db.ChangeTracker.Clear();
        }

        await DemoTerms.AddAsync(db, intake, now, cancellationToken);
        await DemoCampaign.AddAsync(db, playbooks.Current, intake, now, cancellationToken);
        await DemoReps.AddAsync(db, now, cancellationToken);
    }

    private async Task AddInteractionsAsync(
        Customer customer, Contact contact, (int Id, string Name) rep, DemoMessages bank, Random random, DateTimeOffset now, int index, CancellationToken cancellationToken)
    {
        var count = 7 + random.Next(6);
        // Every customer gets a different mix; the inbound kinds cycle so each kind appears in every language.
        for (var n = 0; n < count; n++)
        {
            var when = now.AddDays(-random.Next(1, 150)).AddMinutes(-random.Next(0, 600));
            var order = $"SO-{24000 + (index * 37) + n}";
            var invoice = $"INV-{8100 + (index * 13) + n}";
            string Fill(string text) => text
                .Replace("{contact}", contact.Name, StringComparison.Ordinal)
                .Replace("{rep}", rep.Name.Split(' ')[0], StringComparison.Ordinal)
                .Replace("{order}", order, StringComparison.Ordinal)
                .Replace("{invoice}", invoice, StringComparison.Ordinal);
            var interaction = new Interaction
            {
                CustomerId = customer.Id,
                ExternalId = $"demo:{customer.ExternalId}:{n}",
                OccurredAt = when,
                CreatedAt = now,
                Body = "",
            };
            var roll = n % 4;
            if (roll <= 1)
            {
                var message = bank.InboundMessages[(index + (n * 5)) % bank.InboundMessages.Count];
                interaction.Channel = Channel.Email;
                interaction.Direction = Direction.Inbound;
                interaction.Subject = Fill(message.Subject);
                interaction.Body = Fill(message.Body);
                interaction.ContactId = contact.Id;
                interaction.AuthorName = contact.Name;
            }
            else if (roll == 2)
            {
                var message = bank.OutboundMessages[random.Next(bank.OutboundMessages.Count)];
                interaction.Channel = Channel.Email;
                interaction.Direction = Direction.Outbound;
                interaction.Subject = Fill(message.Subject);
                interaction.Body = Fill(message.Body);
                interaction.ContactId = contact.Id;
                interaction.AuthorRepId = rep.Id;
                interaction.AuthorName = rep.Name;
                interaction.MinutesSpent = 5 + random.Next(15);
            }
            else
            {
                var note = bank.Notes[random.Next(bank.Notes.Count)];
                interaction.Channel = Enum.Parse<Channel>(note.Channel, ignoreCase: true);
                interaction.Direction = Direction.Internal;
                interaction.Body = Fill(note.Body);
                interaction.ContactId = contact.Id;
                interaction.AuthorRepId = rep.Id;
                interaction.AuthorName = rep.Name;
                interaction.MinutesSpent = note.Minutes;
            }

            await intake.AcceptAsync(interaction, cancellationToken);
        }
    }

    private static string Slug(string company, int index)
    {
        var ascii = new string(SearchText.Fold(company).Where(char.IsAsciiLetterOrDigit).ToArray());
        return ascii.Length >= 4 ? ascii : $"customer{index + 1:000}";
    }

    /// An invented address in the customer's country's usual layout, so the demo's letters have somewhere to go.
    private static string DemoAddress(string language, int index) => language switch
    {
        "it" => $"Via dei Mille {index + 3}\n{20121 + index} Milano MI",
        "el" => $"Οδός Αιόλου {index + 12}\n{10551 + index:### ##} Αθήνα",
        _ => $"{index + 7} Market Street\nBristol BS{index % 9 + 1} {index % 8 + 1}QT",
    };
}
