using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using CalmDesk.Offboarding;
using CalmDesk.Orders;
using CalmDesk.Receivables;
using CalmDesk.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Privacy;

public sealed class PersonalDataTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Angry = "Nino Esposito here (nino@trattoria.example, 333 123 4567): the delivery was wrong AGAIN and you are useless, I want a refund today or I go to my lawyer.";

    /// Two customers with something in every kind of record: Nino's is the one the tests act on, Harbour's must not move.
    private sealed record Book(CaseFixture People, Viewer Manager, long NinoMessage, string FileSha);

    private static async Task<Book> SeedAsync(TestDatabase database, IServiceProvider services)
    {
        var people = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<InteractionLog>();
        var angry = await log.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, "Wrong order, Nino Esposito", Angry), Token);
        await log.AddAsync(Viewer.System, people.Harbour, new InteractionInput("email", "inbound", null, "Order", "Oliver Grant here, the wine was lovely, thank you."), Token);
        Assert.NotNull(angry.Value!.CaseId);

        // A file the customer sent, a raw copy of his mail, a promise, written terms, an order, an invoice and a payment.
        var file = await scope.ServiceProvider.GetRequiredService<AttachmentStore>().KeepAsync(new OutgoingFile("photo.txt", "text/plain", Encoding.UTF8.GetBytes("a photo of the wrong crate")), Token);
        var message = await db.Interactions.SingleAsync(i => i.Id == angry.Value.Id, Token);
        message.Attachments.Add(file);
        var mailbox = new Mailbox { Name = "Sales", Address = "sales@ourco.example", ImapHost = "imap.example", UserName = "sales", ProtectedSecret = "x" };
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(Token);
        db.InboundMail.Add(new InboundMail
        {
            MailboxId = mailbox.Id, UidValidity = 1, Uid = 7, FromAddress = "nino@trattoria.example", FromName = "Nino Esposito", Subject = "Wrong order",
            Raw = Encoding.UTF8.GetBytes("From: nino@trattoria.example\r\n\r\n" + Angry), InteractionId = message.Id, ReceivedAt = database.Clock.GetUtcNow(),
        });
        // A mail from his address that was never matched to a message (it waits in the unmatched queue).
        db.InboundMail.Add(new InboundMail
        {
            MailboxId = mailbox.Id, UidValidity = 1, Uid = 8, FromAddress = "Nino@Trattoria.example", Subject = "Sent from my phone",
            Raw = Encoding.UTF8.GetBytes("From: Nino@Trattoria.example\r\n\r\nAncora io."), ReceivedAt = database.Clock.GetUtcNow(),
        });
        db.Commitments.Add(new Commitment
        {
            CustomerId = people.Nino, CaseId = angry.Value.CaseId, OwnerRepId = people.GiuliaRep, What = "Call Nino Esposito back", DueAt = database.Clock.GetUtcNow().AddDays(1),
            CreatedAt = database.Clock.GetUtcNow(), RemindAt = database.Clock.GetUtcNow(), AtRiskAt = database.Clock.GetUtcNow(),
            History = { new CommitmentChange { At = database.Clock.GetUtcNow(), Reason = "Nino Esposito asked" } },
        });
        db.Terms.Add(new Terms { CustomerId = people.Nino, PaymentTermsDays = 30, UpdatedAt = database.Clock.GetUtcNow() });
        foreach (var customer in new[] { people.Nino, people.Harbour })
        {
            var invoice = new Invoice { CustomerId = customer, Number = $"F-{customer}", IssuedOn = new DateOnly(2026, 9, 1), DueOn = new DateOnly(2026, 10, 1), Amount = 1200m, Currency = "EUR" };
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(Token);
            db.Payments.Add(new Payment { CustomerId = customer, Reference = $"P-{customer}", InvoiceId = invoice.Id, ReceivedOn = new DateOnly(2026, 10, 3), Amount = 1200m, Currency = "EUR" });
        }

        var order = new Order { CustomerId = people.Nino, Number = "O-1", OrderedOn = new DateOnly(2026, 9, 1) };
        order.Lines.Add(new OrderLine { Item = "Wine crate", Ordered = 2, UnitPrice = 40m });
        db.Orders.Add(order);
        await db.SaveChangesAsync(Token);
        return new Book(people, new Viewer(managerUser, true), message.Id, file.Sha256);
    }

    [Theory]
    [AllDatabases]
    public async Task Export_HoldsEveryRecordOfTheCustomer_AndNothingOfAnother(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var book = await SeedAsync(database, services);
        await using var scope = services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<PersonalData>();

        Assert.False(await data.WriteJsonAsync(book.People.Giulia, book.People.Nino, Stream.Null, Token));
        using var output = new MemoryStream();
        Assert.True(await data.WriteJsonAsync(book.Manager, book.People.Nino, output, Token));

        var text = Encoding.UTF8.GetString(output.ToArray());
        using var json = JsonDocument.Parse(text);
        var tables = json.RootElement.GetProperty("tables");
        Assert.Equal("Trattoria Da Nino", json.RootElement.GetProperty("customer").GetProperty("Company").GetString());
        Assert.Equal("nino@trattoria.example", Assert.Single(tables.GetProperty("Contacts").EnumerateArray()).GetProperty("Email").GetString());
        var message = Assert.Single(tables.GetProperty("Interactions").EnumerateArray());
        Assert.Equal(Angry, message.GetProperty("Body").GetString());
        Assert.True(message.GetProperty("Analysis_AngerScore").GetDouble() > 0.5);
        foreach (var name in new[] { "Cases", "Commitments", "Invoices", "Payments", "Orders", "OrderLine", "Terms", "Attachments", "InboundMail" })
        {
            Assert.True(tables.TryGetProperty(name, out var rows) && rows.GetArrayLength() > 0, name + " in " + string.Join(", ", tables.EnumerateObject().Select(t => t.Name)));
        }

        Assert.Contains("From: nino@trattoria.example", Assert.Single(tables.GetProperty("InboundMail").EnumerateArray()).GetProperty("Raw").GetString(), StringComparison.Ordinal);
        Assert.Equal("Sent from my phone", Assert.Single(tables.GetProperty(PersonalData.Unmatched).EnumerateArray()).GetProperty("Subject").GetString());
        Assert.DoesNotContain("Harbour", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oliver", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SearchKey", text, StringComparison.Ordinal);
        var logged = await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == Audit.AuditTrail.Exported, Token);
        Assert.Equal(book.People.Nino, logged.CustomerId);
    }

    [Theory]
    [AllDatabases]
    public async Task ExportAsCsv_HasATablePerKind_TheFiles_AndEscapesFormulas(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var book = await SeedAsync(database, services);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CustomerDirectory>()
            .AddContactAsync(Viewer.System, book.People.Nino, new ContactInput("=HYPERLINK(\"http://evil.example\",\"Nino\")", "+39@trattoria.example"), Token);
        var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
        using var output = new MemoryStream();

        Assert.True(await data.WriteZipAsync(book.Manager, book.People.Nino, output, Token));

        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("customer.csv", names);
        Assert.Contains("Interactions.csv", names);
        Assert.Contains("Invoices.csv", names);
        var file = Assert.Single(zip.Entries, e => e.FullName.StartsWith("files/", StringComparison.Ordinal));
        Assert.EndsWith("photo.txt", file.FullName, StringComparison.Ordinal);
        using (var reader = new StreamReader(file.Open()))
        {
            Assert.Equal("a photo of the wrong crate", await reader.ReadToEndAsync(Token));
        }

        using var contacts = new StreamReader(zip.GetEntry("Contacts.csv")!.Open());
        var csv = await contacts.ReadToEndAsync(Token);
        // The formula is text to a spreadsheet: a leading apostrophe, inside quotes.
        Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task Erasure_DeletesTheCustomersRecords_KeepsTheBooks_AndTouchesNoOtherCustomer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var book = await SeedAsync(database, services);
        await using var scope = services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<PersonalData>();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<AttachmentStore>();
        Assert.True(await files.HasAsync(book.FileSha, Token));
        var harbourBefore = await CountsAsync(db, book.People.Harbour);

        Assert.True((await data.EraseCustomerAsync(book.People.Giulia, book.People.Nino, "Trattoria Da Nino", Token)).NotFound);
        Assert.Contains("confirmation", (await data.EraseCustomerAsync(book.Manager, book.People.Nino, "Trattoria", Token)).Errors.Keys);
        var erased = await data.EraseCustomerAsync(book.Manager, book.People.Nino, "trattoria da nino", Token);

        Assert.True(erased.Succeeded, string.Join(" ", erased.Errors.SelectMany(e => e.Value)));
        Assert.True(erased.Value!.Deleted["Interactions"] == 1 && erased.Value.Deleted["Contacts"] == 1);
        db.ChangeTracker.Clear();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == book.People.Nino, Token);
        Assert.Equal(("#" + book.People.Nino, CustomerStatus.Former, (string?)null), (customer.Company, customer.Status, customer.PostalAddress));
        Assert.NotNull(customer.ErasedAt);
        Assert.Equal(0, await db.Contacts.CountAsync(c => c.CustomerId == book.People.Nino, Token));
        Assert.Equal(0, await db.Interactions.CountAsync(i => i.CustomerId == book.People.Nino, Token));
        Assert.Equal(0, await db.Cases.CountAsync(c => c.CustomerId == book.People.Nino, Token));
        Assert.Equal(0, await db.Commitments.CountAsync(c => c.CustomerId == book.People.Nino, Token));
        Assert.Equal(0, await db.Terms.CountAsync(c => c.CustomerId == book.People.Nino, Token));
        Assert.Equal(0, await db.InboundMail.CountAsync(Token));
        Assert.Equal(0, await db.Attachments.CountAsync(Token));
        Assert.False(await files.HasAsync(book.FileSha, Token));
        // What the books need stays.
        Assert.Equal(1, await db.Invoices.CountAsync(i => i.CustomerId == book.People.Nino, Token));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.CustomerId == book.People.Nino, Token));
        Assert.Equal(1, await db.Orders.CountAsync(o => o.CustomerId == book.People.Nino, Token));
        Assert.Equal(harbourBefore, await CountsAsync(db, book.People.Harbour));
        // The audit log keeps who and when about him, and no values but the counts of the erasure itself.
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.CustomerId == book.People.Nino).ToListAsync(Token);
        Assert.Contains(entries, e => e.Subject == "customer" && e.Action == "added");
        Assert.All(entries.Where(e => e.Action != Audit.AuditTrail.Erased), e => Assert.Null(e.Changes));
        Assert.DoesNotContain(entries, e => (e.Changes ?? "").Contains("Nino", StringComparison.Ordinal));
        // Nobody finds him any more.
        var search = await scope.ServiceProvider.GetRequiredService<GlobalSearch>().FindAsync(book.Manager, "Esposito", Token);
        Assert.Empty(search.Customers.Items);
        Assert.Empty(search.Messages.Items);
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<GlobalSearch>().FindAsync(book.Manager, "Trattoria", Token)).Customers.Items);
        Assert.Contains("customer", (await data.EraseCustomerAsync(book.Manager, book.People.Nino, "#" + book.People.Nino, Token)).Errors.Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task ErasingAContact_BlanksThemInTheCustomersTexts_AndKeepsTheMessages(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var book = await SeedAsync(database, services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var contactId = await db.Contacts.Where(c => c.CustomerId == book.People.Nino).Select(c => c.Id).SingleAsync(Token);
        await scope.ServiceProvider.GetRequiredService<CustomerDirectory>().UpdateContactAsync(Viewer.System, book.People.Nino, contactId,
            new ContactInput("Nino Esposito", "nino@trattoria.example", "333 123 4567"), Token);
        var other = await scope.ServiceProvider.GetRequiredService<InteractionLog>().AddAsync(Viewer.System, book.People.Nino,
            new InteractionInput("call", "inbound", null, null, "Sentito Esposito: la pianificazione con Ninotto va bene, chiamare il 333-1234567."), Token);
        var data = scope.ServiceProvider.GetRequiredService<PersonalData>();

        Assert.True((await data.EraseContactAsync(book.People.Giulia, book.People.Nino, contactId, Token)).NotFound);
        Assert.True((await data.EraseContactAsync(book.Manager, book.People.Harbour, contactId, Token)).NotFound);
        var erased = await data.EraseContactAsync(book.Manager, book.People.Nino, contactId, Token);

        Assert.True(erased.Value!.TextsScrubbed >= 4, erased.Value.TextsScrubbed.ToString());
        Assert.Equal(2, erased.Value.RawMailsDeleted);
        db.ChangeTracker.Clear();
        var message = await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == book.NinoMessage, Token);
        Assert.Equal("Wrong order, " + PersonalData.Blanked, message.Subject);
        Assert.StartsWith(PersonalData.Blanked + " here (" + PersonalData.Blanked + ", " + PersonalData.Blanked + ")", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Esposito", message.Analysis!.Details, StringComparison.Ordinal);
        Assert.NotNull(System.Text.Json.JsonDocument.Parse(message.Analysis.Details));
        // Whole words only, and the number however it is spaced: "Ninotto" is someone else.
        Assert.Equal($"Sentito {PersonalData.Blanked}: la pianificazione con Ninotto va bene, chiamare il {PersonalData.Blanked}.",
            (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == other.Value!.Id, Token)).Body);
        // Every other record of the customer that wrote the name: the promise and its history.
        Assert.Equal("Call " + PersonalData.Blanked + " back", (await db.Commitments.AsNoTracking().SingleAsync(c => c.CustomerId == book.People.Nino, Token)).What);
        Assert.All(await db.CommitmentChanges.AsNoTracking().Select(c => c.Reason).ToListAsync(Token), r => Assert.DoesNotContain("Esposito", r ?? "", StringComparison.Ordinal));
        // Nor does the audit log keep the name in what it says changed (the incident's evidence, the promise's text).
        Assert.All(await db.AuditEntries.AsNoTracking().Where(e => e.CustomerId == book.People.Nino).ToListAsync(Token),
            e => Assert.DoesNotContain("Esposito", e.Changes ?? "", StringComparison.Ordinal));
        Assert.Null(message.ContactId);
        Assert.Equal(0, await db.Contacts.CountAsync(c => c.Id == contactId, Token));
        Assert.Equal(0, await db.InboundMail.CountAsync(Token));
        Assert.Equal("Trattoria Da Nino", (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == book.People.Nino, Token)).Company);
        var contactEntries = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == "contact" && e.SubjectId == contactId.ToString()).ToListAsync(Token);
        Assert.Contains(contactEntries, e => e.Action == "removed");
        Assert.All(contactEntries.Where(e => e.Action != Audit.AuditTrail.Erased), e => Assert.Null(e.Changes));
        Assert.DoesNotContain("Esposito", await db.Customers.Where(c => c.Id == book.People.Nino).Select(c => c.SearchKey).SingleAsync(Token), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheWalk_FindsEveryTableHoldingACustomersRecords()
    {
        var options = new DbContextOptionsBuilder<CalmDeskDbContext>();
        DatabaseSettings.ForSqliteFile(Path.Combine(Path.GetTempPath(), "never-opened.db")).Configure(options);
        using var db = new CalmDeskDbContext(options.Options);

        var tables = new CustomerTables(db.Model).Tables.ToDictionary(t => t.Type.ClrType);

        // Every table with a customer id, and the ones only reachable through another (a promise's history, a message's
        // files, raw and outgoing mail, read marks, a let-go's steps, an order's lines).
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindProperty("CustomerId") is not null && t.ClrType != typeof(Audit.AuditEntry)))
        {
            Assert.True(tables.ContainsKey(type.ClrType), type.ClrType.Name);
        }

        foreach (var type in new[] { typeof(CommitmentChange), typeof(Attachment), typeof(InboundMail), typeof(OutboxMessage), typeof(ReadMark), typeof(OffboardingEvent), typeof(OrderLine) })
        {
            Assert.True(tables.TryGetValue(type, out var table) && table.Parent is not null, type.Name);
        }

        Assert.DoesNotContain(typeof(Customer), tables.Keys);
        Assert.DoesNotContain(typeof(Audit.AuditEntry), tables.Keys);
        Assert.DoesNotContain(typeof(Reps.Rep), tables.Keys);
        Assert.DoesNotContain(typeof(CalmDeskUser), tables.Keys);
    }

    private static async Task<(int, int, int, int, int)> CountsAsync(CalmDeskDbContext db, int customerId) => (
        await db.Contacts.CountAsync(c => c.CustomerId == customerId, Token),
        await db.Interactions.CountAsync(i => i.CustomerId == customerId, Token),
        await db.Invoices.CountAsync(i => i.CustomerId == customerId, Token),
        await db.Payments.CountAsync(i => i.CustomerId == customerId, Token),
        await db.Customers.Where(c => c.Id == customerId && c.ErasedAt == null && c.Company == "Harbour Lane Wines").CountAsync(Token));
}
