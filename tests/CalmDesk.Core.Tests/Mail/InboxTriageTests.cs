using System.Text;
using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

/// What a rep does with the inbox: starts a customer from mail nobody knew, sees which conversations hold news for them
/// (unread per person, not per team), and brings invoice documents in with an import.
public sealed class InboxTriageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task MailFromANewCustomer_StartsTheirCustomer_OwnedByTheRep_InTheLanguageTheyWrite(string provider)
    {
        var servers = MailServers.Require();
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var db = money.Db;
        var sales = servers.NewAddress("sales");
        var mailboxId = (await MailTestKit.Book(db, database).AddAsync(servers.Mailbox(sales), Token)).Value!.Id;
        var stranger = servers.NewAddress("kava");
        var message = MailServers.Message(stranger, sales, "Προσφορά για 300 κιβώτια",
            "Καλησπέρα σας, θα θέλαμε προσφορά για 300 κιβώτια κρασιού με παράδοση στην Αθήνα τον επόμενο μήνα. Ευχαριστώ, Μαρία Παππά");
        message.From.Clear();
        message.From.Add(new MimeKit.MailboxAddress("Μαρία Παππά", stranger));
        await servers.AppendAsync(sales, MailServers.Raw(message));
        var forged = MailServers.Message(sales, sales, "Invoice", "Please pay the attached invoice today.");
        await servers.AppendAsync(sales, MailServers.Raw(forged));
        await MailTestKit.Fetcher(db, database).FetchAsync(mailboxId, Token);
        var queue = await MailTestKit.Book(db, database).WaitingAsync(Token);
        var fromStranger = queue.Single(m => m.FromAddress == stranger);
        var fromUs = queue.Single(m => m.Reason == InboundReason.OwnAddress);

        var refused = await MailTestKit.Book(db, database).CreateCustomerAsync(money.People.James, fromUs.Id, "Our own company", Token);
        var nameless = await MailTestKit.Book(db, database).CreateCustomerAsync(money.People.James, fromStranger.Id, "  ", Token);
        var created = await MailTestKit.Book(db, database).CreateCustomerAsync(money.People.James, fromStranger.Id, "Κάβα Αθηνών", Token);
        var again = await MailTestKit.Book(db, database).CreateCustomerAsync(money.People.James, fromStranger.Id, "Κάβα Αθηνών", Token);

        Assert.Contains("own", Assert.Single(refused.Errors["id"]), StringComparison.Ordinal);
        Assert.True(nameless.Errors.ContainsKey("company"));
        Assert.Equal(3, await db.Customers.CountAsync(Token)); // the two of the fixture and the new one: refused attempts left nothing
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.Id == created.Value!.CustomerId, Token);
        Assert.Equal(("Κάβα Αθηνών", money.People.JamesRep, "el"), (customer.Company, customer.AssignedRepId, customer.PreferredLanguage));
        Assert.Equal(("Μαρία Παππά", stranger), (Assert.Single(customer.Contacts).Name, customer.Contacts[0].Email));
        Assert.Equal("<" + message.MessageId + ">", created.Value!.ExternalId);
        Assert.True(again.NotFound); // linked already: not a second customer
        Assert.Equal([fromUs.Id], (await MailTestKit.Book(db, database).WaitingAsync(Token)).Select(m => m.Id));
        Assert.Equal(customer.Id, Assert.Single(await Books.InboxBook(database, db).WaitingAsync(money.People.James, mineOnly: true, Token)).CustomerId);
    }

    [Theory]
    [AllDatabases]
    public async Task AConversation_IsUnreadForEachPerson_UntilTheyHaveSeenItsNewestMessage(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var db = money.Db;
        var (_, managerUser) = await database.AddRepAsync("manager@ourco.example");
        var manager = new Viewer(managerUser, true);
        var log = Books.InteractionLog(db, database.Clock);
        var inbox = Books.InboxBook(database, db);
        var first = await log.AddAsync(Viewer.System, money.People.Nino, new InteractionInput("Email", "Inbound", null, "Ordine", "Buongiorno, quando arriva l'ordine di martedì?"), Token);

        var before = Assert.Single(await inbox.WaitingAsync(money.People.Giulia, mineOnly: true, Token));
        await inbox.MarkReadAsync(money.People.Giulia, [first.Value!.Id], Token);
        await inbox.MarkReadAsync(money.People.Giulia, [first.Value.Id], Token); // a second tab: no harm
        var seen = Assert.Single(await inbox.WaitingAsync(money.People.Giulia, mineOnly: true, Token));
        var managerView = Assert.Single(await inbox.WaitingAsync(manager, mineOnly: false, Token));
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await log.AddAsync(Viewer.System, money.People.Nino, new InteractionInput("Email", "Inbound", null, "Ordine", "Grazie, resto in attesa della conferma."), Token);
        var news = Assert.Single(await inbox.WaitingAsync(money.People.Giulia, mineOnly: true, Token));

        Assert.True(before.Unread);
        Assert.False(seen.Unread);
        Assert.True(managerView.Unread); // Giulia's reading is hers
        Assert.True(news.Unread);
        Assert.Equal(1, await db.ReadMarks.CountAsync(Token));
    }

    [Theory]
    [AllDatabases]
    public async Task TheInbox_PagesTheTeamsConversations_LongestWaitFirst_AndAnswerTakesOneOff(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var db = money.Db;
        var (_, managerUser) = await database.AddRepAsync("manager@ourco.example");
        var manager = new Viewer(managerUser, true);
        var directory = new Customers.CustomerDirectory(db, database.Clock);
        var log = Books.InteractionLog(db, database.Clock);
        var inbox = Books.InboxBook(database, db);
        var customers = new List<int>();
        for (var n = 0; n < 7; n++)
        {
            var rep = n % 2 == 0 ? money.People.GiuliaRep : money.People.JamesRep;
            var created = await directory.CreateAsync(Viewer.System, new Customers.CustomerInput($"Shop {n}", AssignedRepId: rep), [], Token);
            customers.Add(created.Value!.Id);
        }

        // Written in a shuffled order, an hour apart: shop 3 has waited longest, then 5, 0, 6, 1, 4, 2.
        var written = new Dictionary<int, InteractionView>();
        foreach (var n in new[] { 3, 5, 0, 6, 1, 4, 2 })
        {
            written[n] = (await log.AddAsync(Viewer.System, customers[n], new InteractionInput("Email", "Inbound", null, $"Order {n}", "When will the order arrive?"), Token)).Value!;
            database.Clock.Advance(TimeSpan.FromHours(1));
        }

        var pages = new List<Page<ConversationView>>();
        for (var number = 1; number <= 3; number++)
        {
            pages.Add(await inbox.PageAsync(manager, mineOnly: false, number, 3, Token));
        }

        var all = await inbox.WaitingAsync(manager, mineOnly: false, Token);
        var giulias = await inbox.PageAsync(money.People.Giulia, mineOnly: true, 1, 3, Token);
        await log.AddAsync(Viewer.System, customers[5], new InteractionInput("Email", "Outbound", null, "Re: Order 5", "It leaves tomorrow morning."), written[5].CaseId, Token);
        var afterAnswer = await inbox.PageAsync(manager, mineOnly: false, 1, 3, Token);

        Assert.Equal(["Shop 3", "Shop 5", "Shop 0"], pages[0].Items.Select(c => c.Company));
        Assert.Equal(["Shop 6", "Shop 1", "Shop 4"], pages[1].Items.Select(c => c.Company));
        Assert.Equal(["Shop 2"], pages[2].Items.Select(c => c.Company));
        Assert.All(pages, p => Assert.Equal((7, 3), (p.Total, p.Pages)));
        Assert.Equal(all.Select(c => c.Company), pages.SelectMany(p => p.Items).Select(c => c.Company));
        Assert.Equal(["Order 3", "Order 5", "Order 0"], pages[0].Items.Select(c => c.Subject));
        Assert.Equal(["Shop 0", "Shop 6", "Shop 4"], giulias.Items.Select(c => c.Company)); // her own, the even ones
        Assert.Equal(4, giulias.Total);
        Assert.Equal(["Shop 3", "Shop 0", "Shop 6"], afterAnswer.Items.Select(c => c.Company));
        Assert.Equal(6, afterAnswer.Total);
    }

    [Theory]
    [AllDatabases]
    public async Task ImportedInvoices_BringTheirDocuments_FromBesideTheCsvOnly(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var folder = Directory.CreateTempSubdirectory("calmdesk-invoices-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "pdf"));
        await File.WriteAllTextAsync(Path.Combine(folder, "pdf", "N-1.pdf"), "%PDF-1.4 N-1", Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "N-3.pdf"), "%PDF-1.4 N-3", Token);
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(folder)!, "outside.pdf"), "secret", Token);
        var day = money.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"customer,number,issuedon,amount,document\nTrattoria Da Nino,N-1,{day},10.00,pdf/N-1.pdf\n"
            + $"Trattoria Da Nino,N-2,{day},20.00,../outside.pdf\nTrattoria Da Nino,N-4,{day},20.00,missing.pdf\nTrattoria Da Nino,N-3,{day},30.00,\n";
        var store = MailTestKit.Store(money.Db, database);
        ReceivablesCsvImport Import() => new(money.Db, money.Book, store);

        var overHttp = await Import().InvoicesAsync(Stream(csv), cancellationToken: Token);
        var fromCli = await Import().InvoicesAsync(Stream(csv), null, folder, Token);
        var later = await Import().InvoicesAsync(Stream($"customer,number,issuedon,amount,document\nTrattoria Da Nino,N-3,{day},30.00,N-3.pdf\n"), null, folder, Token);

        Assert.Equal((1, 3), (overHttp.Imported, overHttp.Rejected.Count)); // only the row without a document
        Assert.Contains("calmdesk import invoices", overHttp.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1, 2), (fromCli.Imported, fromCli.Duplicates, fromCli.Rejected.Count));
        Assert.Contains("folder", fromCli.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("no such file", fromCli.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1, later.Duplicates);
        var documents = await money.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).Select(i => new { i.Number, i.DocumentName }).ToListAsync(Token);
        Assert.Equal(["N-1:N-1.pdf", "N-3:N-3.pdf"], documents.Select(d => $"{d.Number}:{d.DocumentName}"));
        var n1 = await money.Book.DocumentAsync(money.People.Giulia, money.Db.Invoices.Single(i => i.Number == "N-1").Id, Token);
        await using var content = await store.OpenAsync(n1!.Sha256, Token);
        Assert.Equal("%PDF-1.4 N-1", await new StreamReader(content!).ReadToEndAsync(Token));
        Assert.Null(await money.Book.DocumentAsync(money.People.James, n1.InvoiceId, Token));
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
