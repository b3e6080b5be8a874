using System.Diagnostics;
using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Demo;

/// <summary>What a generated book holds: how many customers, messages in all, and the seed that makes it repeatable.</summary>
internal sealed record BookSize(int Customers, int Interactions, int Seed = 2026)
{
    public const int MaxCustomers = 2_000_000;

    public const int MaxInteractions = 100_000_000;

    public string? Problem() =>
        Customers is < 1 or > MaxCustomers ? $"--customers must be between 1 and {MaxCustomers:N0}."
        : Interactions is < 0 or > MaxInteractions ? $"--interactions must be between 0 and {MaxInteractions:N0}."
        : null;
}

/// <summary>What one run of the generator wrote.</summary>
internal sealed record GeneratedBook(int Customers, long Interactions, int Invoices, int Payments, int Cases, int Promises, int Incidents, int RepsAdded, TimeSpan Took);

/// <summary>A big, realistic book written straight into the configured database, for load tests and for a look at
/// CalmDesk with a real company's numbers (`calmdesk demo generate`). Activity is skewed as in a real book: most
/// customers write a few times a year, a few write thousands of times. Customers speak English, Italian or Greek;
/// their messages come from the demo's bank with the names and numbers varied, and are analysed by the installation's
/// active model (each distinct text once, so millions of messages cost seconds of analysis). Angry messages open
/// cases with their promises, abuse aimed at the rep becomes an incident, and every customer but a prospect has
/// invoices and payments, some late and some still open. Rows are written in batches of thousands per transaction,
/// not one by one.</summary>
internal sealed class BookGenerator(
    CalmDeskDbContext db, RepDirectory reps, TimeProvider clock, IOptions<AnalysisThresholds> thresholds, ActiveModel model)
{
    private const int Batch = 5_000;

    private static readonly string[] Languages = ["en", "it", "el"];

    private static readonly Dictionary<string, string[]> Firsts = new(StringComparer.Ordinal)
    {
        ["en"] = ["Harbour", "Kestrel", "Millstone", "Northgate", "Copper", "Greenfield", "Redbridge", "Summit", "Westbury", "Blue Anchor", "Oakridge", "Silverline", "Foxglove", "Brightwater", "Ashdown", "Highfield", "Marlow", "Pennine", "Riverside", "Thornbury"],
        ["it"] = ["Colombo", "Moretti", "Galli", "Il Grappolo", "Bellavista", "Rinaldi", "Fontana", "Conti", "Olimpo", "Le Querce", "Villa", "Ferrari", "Esposito", "Romano", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Lombardi"],
        ["el"] = ["Αιγαίου", "Ερμής", "Ακρογιάλι", "Ολυμπος", "Θάλασσα", "Κρήτης", "Μακεδονίας", "Αστέρι", "Πελαγος", "Λευκός Πύργος", "Ιωνίου", "Κυκλάδων", "Φάρος", "Δελφοί", "Ορίζων", "Πήγασος", "Αρτεμις", "Ζεφυρος", "Νηρηίδα", "Καλλιστή"],
    };

    private static readonly Dictionary<string, string[]> Trades = new(StringComparer.Ordinal)
    {
        ["en"] = ["Wines", "Dental Group", "Logistics Ltd", "Bakery", "Builders", "Hotel", "Fitness Clubs", "Catering", "Marine", "Print & Sign", "Garden Centres", "Pharmacy", "Motors", "Veterinary Practice", "Software Ltd", "Dairy", "Opticians", "Brewery"],
        ["it"] = ["Trattoria", "Ferramenta", "Studio Dentistico", "Costruzioni", "Enoteca", "Hotel", "Pasticceria", "Trasporti", "Tipografia", "Palestra", "Agriturismo", "Officine Meccaniche", "Farmacia", "Autofficina", "Caseificio", "Ottica", "Birrificio", "Lavanderia"],
        ["el"] = ["Ταβέρνα", "Φαρμακείο", "Κατασκευαστική", "Αρτοποιείο", "Ξενοδοχείο", "Μεταφορική", "Κάβα", "Γυμναστήριο", "Τυπογραφείο", "Ζαχαροπλαστείο", "Μηχανουργείο", "Εστιατόριο", "Οπτικά", "Συνεργείο", "Τυροκομείο", "Ζυθοποιία", "Κτηνιατρείο", "Καφεκοπτείο"],
    };

    private static readonly Dictionary<string, string[]> People = new(StringComparer.Ordinal)
    {
        ["en"] = ["Oliver Grant", "Priya Shah", "Tom Becker", "Anne Hollis", "Craig Dunn", "Martha Lowe", "Kelly Nguyen", "Daniel Okafor"],
        ["it"] = ["Paolo Colombo", "Chiara Moretti", "Roberto Galli", "Franca Ricci", "Marco Greco", "Sara Rinaldi", "Luca Fontana", "Elisa Marino"],
        ["el"] = ["Γιώργος Αντωνίου", "Ελένη Παπαδοπούλου", "Δημήτρης Νικολάου", "Κατερίνα Γεωργίου", "Σπύρος Μαυρίδης", "Μαρία Κωνσταντίνου", "Νίκος Δημητρίου", "Σοφία Λαμπράκη"],
    };

    private static readonly Dictionary<string, string[]> RepNames = new(StringComparer.Ordinal)
    {
        ["en"] = ["Emma Hughes", "Ryan Cole", "Sophie Turner", "Adam Price", "Grace Lee", "Owen Black"],
        ["it"] = ["Francesca Riva", "Matteo Sala", "Valentina Costa", "Andrea Longo", "Silvia Serra", "Stefano Neri"],
        ["el"] = ["Άννα Βλάχου", "Κώστας Ραφτόπουλος", "Ειρήνη Καλογήρου", "Παύλος Σιδέρης", "Δέσποινα Ζαχαρίου", "Θοδωρής Μελάς"],
    };

    private static readonly Dictionary<string, string[]> PromiseWords = new(StringComparer.Ordinal)
    {
        ["en"] = ["Call back with the courier's answer", "Send the corrected invoice", "Confirm the replacement delivery date"],
        ["it"] = ["Richiamare con la risposta del corriere", "Inviare la fattura corretta", "Confermare la data della nuova consegna"],
        ["el"] = ["Τηλεφώνημα με την απάντηση της μεταφορικής", "Αποστολή του διορθωμένου τιμολογίου", "Επιβεβαίωση της ημερομηνίας αντικατάστασης"],
    };

    private readonly Dictionary<string, (MessageAnalysis Analysis, string Evidence)> _analysed = new(StringComparer.Ordinal);

    public async Task<GeneratedBook> GenerateAsync(BookSize size, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        if (size.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(size));
        }

        var watch = Stopwatch.StartNew();
        var random = new Random(size.Seed);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var banks = DemoMessages.Load();
        var customerTexts = CustomerText.Load();
        var repsAdded = await AddRepsAsync(size, cancellationToken);
        var team = await db.Reps.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).Select(r => new { r.Id, r.DisplayName }).ToListAsync(cancellationToken);
        if (team.Count == 0)
        {
            throw new InvalidOperationException("The book has no active rep to assign customers to.");
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A generated book has no history: a million audit entries saying "the system added this" would only be weight.
        db.Audited = false;
        var run = $"g{size.Seed}-{now.ToUnixTimeSeconds():x}";
        var customers = new List<(int Id, string Language, string Currency, int RepId, string Rep, string Contact, CustomerStatus Status)>(size.Customers);
        for (var start = 0; start < size.Customers; start += Batch)
        {
            var added = new List<(Customer Customer, int Rep)>();
            for (var i = start; i < Math.Min(size.Customers, start + Batch); i++)
            {
                var language = Languages[i % Languages.Length];
                var rep = (i * 7919) % team.Count;
                var contact = People[language][random.Next(People[language].Length)];
                var customer = new Customer
                {
                    Company = Company(language, i, random),
                    Segment = Trades["en"][i % Trades["en"].Length],
                    PreferredLanguage = language,
                    Currency = language == "en" ? (i % 10 == 3 ? "USD" : "GBP") : "EUR",
                    AssignedRepId = team[rep].Id,
                    Status = (i % 100) switch { < 85 => CustomerStatus.Active, < 92 => CustomerStatus.OnHold, < 97 => CustomerStatus.Prospect, _ => CustomerStatus.Former },
                    ContractRenewalDate = today.AddDays(random.Next(-30, 365)),
                    ExternalId = $"{run}-{i + 1}",
                    CreatedAt = now.AddDays(-random.Next(30, 1500)),
                };
                customer.Contacts.Add(new Contact
                {
                    Name = contact, Email = $"c{i + 1}.{run}@customers.example", Language = language,
                    Phone = language switch { "it" => "+39 02 ", "el" => "+30 21 ", _ => "+44 20 " } + (10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                customer.RefreshSearchKey();
                db.Customers.Add(customer);
                added.Add((customer, rep));
            }

            await db.SaveChangesAsync(cancellationToken);
            customers.AddRange(added.Select(a => (a.Customer.Id, a.Customer.PreferredLanguage, a.Customer.Currency, team[a.Rep].Id, team[a.Rep].DisplayName,
                a.Customer.Contacts[0].Name, a.Customer.Status)));
            db.ChangeTracker.Clear();
            progress?.WriteLine($"customers: {customers.Count:N0} of {size.Customers:N0}");
        }

        var counts = Skewed(size.Customers, size.Interactions, random);
        var written = new Totals();
        var contacts = await ContactIdsAsync(customers.Select(c => c.Id).ToList(), cancellationToken);
        var pending = 0;
        for (var c = 0; c < customers.Count; c++)
        {
            var customer = customers[c];
            AddMoney(customer.Id, customer.Currency, customer.Status, c, random, today, now, written);
            pending += 24;
            for (var n = 0; n < counts[c]; n++)
            {
                AddMessage(customer, contacts[customer.Id], banks[customer.Language], customerTexts[customer.Language], n, random, now, run, written);
                pending++;
                if (pending >= Batch)
                {
                    await FlushAsync(cancellationToken);
                    pending = 0;
                    if (written.Interactions % 100_000 < Batch)
                    {
                        progress?.WriteLine($"interactions: {written.Interactions:N0} of {size.Interactions:N0}");
                    }
                }
            }
        }

        await FlushAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.Audited = true;
        return new GeneratedBook(customers.Count, written.Interactions, written.Invoices, written.Payments, written.Cases, written.Promises, written.Incidents,
            repsAdded, watch.Elapsed);
    }

    private sealed class Totals
    {
        public long Interactions;
        public int Invoices;
        public int Payments;
        public int Cases;
        public int Promises;
        public int Incidents;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// A fresh installation gets a team to match the book (one rep per 2,000 customers, at most 60), signing in with
    /// the demo's password like the rest of the demo; an existing one keeps its own reps.
    private async Task<int> AddRepsAsync(BookSize size, CancellationToken cancellationToken)
    {
        var demoOnly = await db.Users.CountAsync(cancellationToken) <= DemoPortfolio.RepEmails.Count + 2
            && await db.Users.AnyAsync(u => u.Email == DemoPortfolio.ManagerEmail, cancellationToken);
        if (!demoOnly)
        {
            return 0;
        }

        var wanted = Math.Min(60, size.Customers / 2_000);
        for (var r = 0; r < wanted; r++)
        {
            var language = Languages[r % Languages.Length];
            var name = RepNames[language][r / Languages.Length % RepNames[language].Length];
            var email = $"rep{r + 1:00}@generated.calmdesk.app";
            var (_, errors) = await reps.CreateAsync(email, $"{name} {r + 1}", DemoPortfolio.Password, [Roles.Rep], language, cancellationToken: cancellationToken);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Generated rep {email}: " + string.Join(" ", errors.SelectMany(e => e.Value)));
            }
        }

        return wanted;
    }

    private async Task<Dictionary<int, int>> ContactIdsAsync(List<int> customerIds, CancellationToken cancellationToken)
    {
        var first = customerIds.Count == 0 ? 0 : customerIds.Min();
        return await db.Contacts.AsNoTracking().Where(c => c.CustomerId >= first).GroupBy(c => c.CustomerId)
            .Select(g => new { g.Key, Id = g.Min(c => c.Id) }).ToDictionaryAsync(g => g.Key, g => g.Id, cancellationToken);
    }

    private static string Company(string language, int index, Random random)
    {
        var first = Firsts[language][random.Next(Firsts[language].Length)];
        var trade = Trades[language][random.Next(Trades[language].Length)];
        var suffix = index / (Firsts[language].Length * Trades[language].Length);
        var name = language == "en" ? $"{first} {trade}" : $"{trade} {first}";
        return suffix == 0 ? name : $"{name} {suffix + 1}";
    }

    /// How many messages each customer wrote or received: a power law over a shuffled order, so a few customers hold
    /// thousands while most have a handful, and the total is exactly what was asked.
    private static int[] Skewed(int customers, int interactions, Random random)
    {
        var counts = new int[customers];
        var order = Enumerable.Range(0, customers).ToArray();
        random.Shuffle(order);
        long given = 0;
        for (var rank = 0; rank < customers; rank++)
        {
            var share = Math.Pow((rank + 1) / (double)customers, 0.5) - Math.Pow(rank / (double)customers, 0.5);
            var count = (int)(interactions * share);
            counts[order[rank]] = count;
            given += count;
        }

        for (var i = 0; given < interactions; i = (i + 1) % customers, given++)
        {
            counts[order[i]]++;
        }

        return counts;
    }

    private void AddMoney(int customerId, string currency, CustomerStatus status, int index, Random random, DateOnly today, DateTimeOffset now, Totals written)
    {
        if (status == CustomerStatus.Prospect)
        {
            return;
        }

        var every = (index % 4) switch { 0 or 1 => 1, 2 => 2, _ => 3 };
        var monthly = 150 + random.Next(3_000);
        var behaviour = random.Next(100);
        for (var month = 13; month >= 0; month -= every)
        {
            var issued = today.AddDays(-(month * 30) - random.Next(1, 6));
            var amount = decimal.Round(monthly * every * (0.8m + (decimal)random.NextDouble() * 0.4m), 2);
            var invoice = new Invoice
            {
                CustomerId = customerId, Number = $"G{index + 1}-{13 - month:00}", IssuedOn = issued, DueOn = issued.AddDays(30), Amount = amount,
                Currency = currency, CreatedAt = new DateTimeOffset(issued.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            };
            db.Invoices.Add(invoice);
            written.Invoices++;
            // Most pay within terms; one in eight pays late; one in twelve has stopped paying its recent invoices.
            var stopped = behaviour < 8 && month <= 1 + (index % 4);
            if (stopped)
            {
                continue;
            }

            var paidOn = issued.AddDays(behaviour < 20 ? 30 + random.Next(5, 60) : random.Next(5, 30));
            if (paidOn > today)
            {
                continue;
            }

            db.Payments.Add(new Payment
            {
                CustomerId = customerId, Invoice = invoice, Reference = $"P{index + 1}-{13 - month:00}", ReceivedOn = paidOn, Amount = amount, Currency = currency,
                CreatedAt = now,
            });
            written.Payments++;
        }
    }

    private void AddMessage(
        (int Id, string Language, string Currency, int RepId, string Rep, string Contact, CustomerStatus Status) customer, int contactId,
        DemoMessages bank, IReadOnlyList<CustomerText> texts, int n, Random random, DateTimeOffset now, string run, Totals written)
    {
        // Recent months are busier than old ones.
        var when = now.AddDays(-730 * Math.Pow(random.NextDouble(), 1.6)).AddMinutes(-random.Next(0, 600));
        var reference = random.Next(5);
        string Fill(string text) => text
            .Replace("{contact}", customer.Contact, StringComparison.Ordinal)
            .Replace("{rep}", customer.Rep.Split(' ')[0], StringComparison.Ordinal)
            .Replace("{order}", $"SO-{24100 + reference}", StringComparison.Ordinal)
            .Replace("{invoice}", $"INV-{8100 + reference}", StringComparison.Ordinal);
        var interaction = new Interaction
        {
            CustomerId = customer.Id, ContactId = contactId, ExternalId = $"{run}:{customer.Id}:{n}", OccurredAt = when, CreatedAt = when, Body = "",
        };
        var roll = random.Next(100);
        if (roll < 45)
        {
            // The corpus leans to hard messages (it was written to teach the model); a real inbox is mostly calm.
            var text = texts[random.Next(texts.Count)];
            while (text.Hard && random.Next(100) < 60)
            {
                text = texts[random.Next(texts.Count)];
            }

            interaction.Channel = text.Channel;
            interaction.Direction = text.Channel == Channel.Call ? Direction.Internal : Direction.Inbound;
            interaction.Subject = text.Subject;
            interaction.Body = text.Body;
            interaction.AuthorName = text.Channel == Channel.Call ? customer.Rep : customer.Contact;
            interaction.AuthorRepId = text.Channel == Channel.Call ? customer.RepId : null;
            interaction.MinutesSpent = text.Channel == Channel.Call ? 5 + random.Next(25) : null;
        }
        else if (roll < 75)
        {
            var message = bank.OutboundMessages[random.Next(bank.OutboundMessages.Count)];
            interaction.Channel = Channel.Email;
            interaction.Direction = Direction.Outbound;
            interaction.Subject = Fill(message.Subject);
            interaction.Body = Fill(message.Body);
            interaction.AuthorRepId = customer.RepId;
            interaction.AuthorName = customer.Rep;
            interaction.MinutesSpent = 5 + random.Next(15);
        }
        else
        {
            var note = bank.Notes[random.Next(bank.Notes.Count)];
            interaction.Channel = Enum.Parse<Channel>(note.Channel, ignoreCase: true);
            interaction.Direction = Direction.Internal;
            interaction.Body = Fill(note.Body);
            interaction.AuthorRepId = customer.RepId;
            interaction.AuthorName = customer.Rep;
            interaction.MinutesSpent = note.Minutes;
        }

        var (analysis, evidence) = Analyse(interaction);
        interaction.Analysis = analysis;
        db.Interactions.Add(interaction);
        written.Interactions++;
        if (interaction.Direction == Direction.Inbound && analysis.AngerLevel >= AngerLevel.Angry && random.Next(100) < 30)
        {
            OpenCase(customer.Id, customer.Language, customer.RepId, interaction, analysis, random, now, written);
        }

        if (interaction.Direction != Direction.Outbound && IncidentRecorder.IsIncident(analysis, thresholds.Value))
        {
            var kinds = analysis.AbuseKinds.Split(',', StringSplitOptions.RemoveEmptyEntries);
            db.AbuseIncidents.Add(new AbuseIncident
            {
                CustomerId = customer.Id, Interaction = interaction, RepId = customer.RepId, Severity = IncidentRecorder.SeverityOf(analysis.AbuseScore, kinds),
                Kinds = analysis.AbuseKinds, Evidence = evidence, Source = IncidentSource.Detected, OccurredAt = when, RecordedAt = when,
            });
            written.Incidents++;
        }
    }

    private void OpenCase(int customerId, string language, int repId, Interaction interaction, MessageAnalysis analysis, Random random, DateTimeOffset now, Totals written)
    {
        var old = interaction.OccurredAt < now.AddDays(-21);
        var resolvedAt = old ? interaction.OccurredAt.AddDays(1 + random.Next(10)) : (DateTimeOffset?)null;
        var kase = new Case
        {
            CustomerId = customerId, Title = Excerpts.Fit(interaction.Subject ?? interaction.Body, Case.MaxTitleLength), Situations = analysis.Situations,
            Status = old ? CaseStatus.Resolved : CaseStatus.Open, OpenedAt = interaction.OccurredAt, UpdatedAt = resolvedAt ?? interaction.OccurredAt,
            ResolvedAt = resolvedAt, FactWhat = Excerpts.Fit(interaction.Body, Case.MaxFactLength),
        };
        interaction.Case = kase;
        db.Cases.Add(kase);
        written.Cases++;
        var words = PromiseWords[language];
        var due = interaction.OccurredAt.AddDays(1 + random.Next(4));
        var promise = CommitmentBook.New(customerId, null, repId, words[random.Next(words.Length)], due, CommitmentSource.Guide, interaction.OccurredAt);
        promise.Case = kase;
        if (old)
        {
            // One kept promise in ten came late.
            promise.Status = CommitmentStatus.Done;
            promise.CompletedAt = random.Next(10) == 0 ? due.AddHours(5) : due.AddHours(-3);
            promise.History.Add(new CommitmentChange { Kind = CommitmentChangeKind.Done, At = promise.CompletedAt.Value, ByRepId = repId });
        }

        db.Commitments.Add(promise);
        written.Promises++;
    }

    /// Each distinct text is analysed once; every message with that text gets its own copy of the result.
    private (MessageAnalysis Analysis, string Evidence) Analyse(Interaction interaction)
    {
        if (!_analysed.TryGetValue(interaction.Body, out var known))
        {
            var analyzer = ActiveModel.Of(model);
            var analysis = MessageAnalysis.From(analyzer.Analyze(interaction.Body), analyzer.ModelVersion, clock.GetUtcNow());
            interaction.Analysis = analysis;
            known = (analysis, IncidentRecorder.EvidenceOf(interaction));
            _analysed[interaction.Body] = known;
        }

        var a = known.Analysis;
        return (new MessageAnalysis
        {
            Language = a.Language, AngerScore = a.AngerScore, AngerLevel = a.AngerLevel, AbuseScore = a.AbuseScore, AbuseTargeted = a.AbuseTargeted,
            AbuseKinds = a.AbuseKinds, Threats = a.Threats, Situations = a.Situations, Details = a.Details, Version = a.Version, Model = a.Model,
            AnalyzedAt = a.AnalyzedAt,
        }, known.Evidence);
    }
}

/// <summary>A customer's message from the project's corpus (the labelled messages the model learnt from), as the
/// generator stores it: the channel it came by, an e-mail's subject apart from its body, and whether it is one of the
/// angry or abusive ones.</summary>
internal sealed record CustomerText(Channel Channel, string? Subject, string Body, bool Hard)
{
    public static IReadOnlyDictionary<string, IReadOnlyList<CustomerText>> Load() =>
        Analysis.Training.CorpusMessage.LoadShipped()
            .Where(m => m.Lang is "en" or "it" or "el")
            .GroupBy(m => m.Lang, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CustomerText>)[.. g.Select(From)], StringComparer.Ordinal);

    private static CustomerText From(Analysis.Training.CorpusMessage message)
    {
        var channel = message.Channel switch { "email" => Channel.Email, "call_note" => Channel.Call, _ => Channel.Chat };
        var text = message.Text;
        string? subject = null;
        // "Subject: …", "Oggetto: …", "Θέμα: …" on the first line, then a blank line: the e-mail's subject.
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (channel == Channel.Email && colon is > 0 and <= 12 && end > colon && end + 1 < text.Length && text[end + 1] == '\n')
        {
            subject = Excerpts.Fit(text[(colon + 1)..end].Trim(), 300);
            text = text[(end + 1)..].TrimStart('\n');
        }

        return new CustomerText(channel, subject, text, message.Anger >= 2 || message.Abuse is not null);
    }
}
