using Microsoft.EntityFrameworkCore;
using CalmDesk.Accounts;
using CalmDesk.Data;

namespace CalmDesk.Receivables;

public sealed class ReceivablesBookTests
{
    [Theory]
    [AllDatabases]
    public async Task AgedBookAsync_ARepSeesOnlyTheirOwnCustomersMoney_AManagerSeesAll(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        await money.InvoiceAsync(money.People.Nino, "N-1", 50, 120.50m);
        await money.InvoiceAsync(money.People.Harbour, "H-1", 100, 80m, currency: "GBP");
        var manager = new Viewer("someone", SeesAll: true);
        var cancel = TestContext.Current.CancellationToken;

        var giulias = await money.Book.AgedBookAsync(money.People.Giulia, cancellationToken: cancel);
        var everyone = await money.Book.AgedBookAsync(manager, cancellationToken: cancel);

        var row = Assert.Single(giulias.Customers);
        Assert.Equal(("Trattoria Da Nino", 120.50m), (row.Company, row.Days1To30));
        Assert.Equal(["EUR", "GBP"], everyone.Totals.Select(t => t.Currency));
        Assert.Equal(80m, everyone.Customers.Single(c => c.Currency == "GBP").Over90 + everyone.Customers.Single(c => c.Currency == "GBP").Days61To90);
        Assert.Null(await money.Book.AccountAsync(money.People.James, money.People.Nino, cancellationToken: cancel));
        var refused = await money.Book.AddPaymentAsync(money.People.James, new PaymentInput(money.People.Nino, "X", money.Today, 10m), cancel);
        Assert.True(refused.Errors.ContainsKey("customerId"));
    }

    /// A payment dated after today (2030 typed for 2026) is refused on its date and stored nowhere; today's is taken.
    [Theory]
    [AllDatabases]
    public async Task AddPayment_DatedAfterToday_IsRefusedOnItsDate(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 10, 120.50m);

        var future = await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "P-2030", money.Today.AddDays(1), 120.50m, "N-1"), cancel);
        var today = await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "P-TODAY", money.Today, 20m, "N-1"), cancel);

        Assert.True(future.Errors.ContainsKey("receivedOn"));
        Assert.Empty(today.Errors);
        await using var db = database.NewContext();
        Assert.Equal(["P-TODAY"], await db.Payments.Select(p => p.Reference).ToListAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task StoredAgedBook_AgreesWithTheLedgerSettledToday_AndFollowsAPayment(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 50, 120.50m);
        await money.InvoiceAsync(money.People.Nino, "N-2", 10, 99.90m);
        await money.InvoiceAsync(money.People.Harbour, "H-1", 100, 80m, currency: "GBP");
        await money.InvoiceAsync(money.People.Harbour, "H-2", 75, 45m);
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Harbour, "PH-1", money.Today.AddDays(-5), 100m, Currency: "GBP"), cancel);
        await money.Book.AddInvoiceAsync(Viewer.System, new InvoiceInput(money.People.Harbour, "H-3", money.Today.AddDays(-3), 500m, EarlyDiscountPercent: 2m), cancel);
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Harbour, "PH-2", money.Today, 490m, "H-3", DiscountTaken: 10m), cancel);
        var manager = new Viewer("someone", SeesAll: true);

        var live = await money.Book.AgedBookAsync(manager, cancellationToken: cancel);
        var stored = await money.StoredBook.AgedBookAsync(manager, cancellationToken: cancel);
        Assert.Equal(await money.Book.DiscountEffectAsync(manager, cancel), await money.StoredBook.DiscountEffectAsync(manager, cancel));
        Assert.Equal(
            (await money.Book.OverdueAsync(manager, cancellationToken: cancel)).Select(i => (i.Number, i.Open, i.DaysOverdue)),
            (await money.StoredBook.OverdueAsync(manager, cancellationToken: cancel)).Select(i => (i.Number, i.Open, i.DaysOverdue)));
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "PN-1", money.Today, 120.50m, "N-1"), cancel);
        var paid = await money.StoredBook.AgedBookAsync(manager, cancellationToken: cancel);
        var giulias = await money.StoredBook.AgedBookAsync(money.People.Giulia, cancellationToken: cancel);

        Assert.Equal(3, live.CustomerCount); // Nino in euros, Harbour in euros and in pounds (paid over, 20 unapplied)
        Assert.Equal(live.Customers.OrderBy(r => (r.CustomerId, r.Currency)), stored.Customers.OrderBy(r => (r.CustomerId, r.Currency)));
        Assert.Equal(live.Totals, stored.Totals);
        Assert.Equal(live.Dso, stored.Dso);
        Assert.Equal(20m, stored.Customers.Single(r => r.Currency == "GBP").Unapplied);
        Assert.Equal((0m, 99.90m), (paid.Customers.Single(r => r.CustomerId == money.People.Nino).Overdue, paid.Customers.Single(r => r.CustomerId == money.People.Nino).Current));
        Assert.Equal([money.People.Nino], giulias.Customers.Select(r => r.CustomerId));
    }

    [Theory]
    [AllDatabases]
    public async Task AddInvoiceAsync_WithoutADueDate_UsesTheTermsAndOffersTheEarlyPaymentDiscount(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);

        var outcome = await money.Book.AddInvoiceAsync(money.People.Giulia, new InvoiceInput(money.People.Nino, "N-7", money.Today, 500m), TestContext.Current.CancellationToken);

        var invoice = outcome.Value!;
        Assert.Equal(money.Today.AddDays(30), invoice.DueOn);
        Assert.Equal((2m, money.Today.AddDays(10)), (invoice.EarlyDiscountPercent, invoice.EarlyDiscountUntil));
        Assert.Equal("EUR", invoice.Currency);
    }

    /// The early-payment discount is offered once per invoice: payments that each take it in full cannot write off
    /// more than the offer, however many there are.
    [Theory]
    [AllDatabases]
    public async Task AddPaymentAsync_TheDiscountIsTakenOncePerInvoice_NotOncePerPayment(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.Book.AddInvoiceAsync(money.People.Giulia, new InvoiceInput(money.People.Nino, "N-8", money.Today, 500m), cancel);

        var first = await money.Book.AddPaymentAsync(money.People.Giulia, new PaymentInput(money.People.Nino, "D-1", money.Today, 100m, "N-8", DiscountTaken: 6m), cancel);
        var second = await money.Book.AddPaymentAsync(money.People.Giulia, new PaymentInput(money.People.Nino, "D-2", money.Today, 100m, "N-8", DiscountTaken: 6m), cancel);
        var rest = await money.Book.AddPaymentAsync(money.People.Giulia, new PaymentInput(money.People.Nino, "D-3", money.Today, 100m, "N-8", DiscountTaken: 4m), cancel);

        Assert.True(first.Succeeded);
        Assert.Equal(["discountTaken"], second.Errors.Keys);
        Assert.True(rest.Succeeded);
        var account = await money.Book.AccountAsync(money.People.Giulia, money.People.Nino, cancellationToken: cancel);
        Assert.Equal(290m, Assert.Single(account!.Invoices).Open); // 500 − 200 paid (the second refused) − 10 discount
    }

    [Theory]
    [AllDatabases]
    public async Task AddInvoiceAsync_WithoutADueDate_FollowsTheCustomersWrittenTerms_ThenTheOrganisations(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        money.Db.Terms.AddRange(
            new Boundaries.Terms { PaymentTermsDays = 45, UpdatedAt = database.Clock.GetUtcNow() },
            new Boundaries.Terms { CustomerId = money.People.Nino, PaymentTermsDays = 60, UpdatedAt = database.Clock.GetUtcNow() });
        await money.Db.SaveChangesAsync(cancel);

        var nino = await money.Book.AddInvoiceAsync(Viewer.System, new InvoiceInput(money.People.Nino, "N-60", money.Today, 100m), cancel);
        var harbour = await money.Book.AddInvoiceAsync(Viewer.System, new InvoiceInput(money.People.Harbour, "H-45", money.Today, 100m), cancel);
        var imported = await new ReceivablesCsvImport(money.Db, money.Book).InvoicesAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"customer,number,issued_on,amount\nTrattoria Da Nino,N-CSV,{money.Today:yyyy-MM-dd},10.00\n")), cancellationToken: cancel);

        Assert.Equal(money.Today.AddDays(60), nino.Value!.DueOn);
        Assert.Equal(money.Today.AddDays(45), harbour.Value!.DueOn);
        Assert.Equal(1, imported.Imported);
        Assert.Equal(money.Today.AddDays(60), money.Db.Invoices.Single(i => i.Number == "N-CSV").DueOn);
    }

    [Theory]
    [AllDatabases]
    public async Task OneBook_ReadsTheLedgerOncePerScope_AndAfreshAfterItRecordsSomething(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 40, 100m);
        var book = money.Book;

        var first = await book.AgedBookAsync(Viewer.System, cancellationToken: cancel);
        await using (var elsewhere = database.NewContext())
        {
            // Written by another request: this scope keeps the snapshot it already read.
            elsewhere.Invoices.Add(new Invoice { CustomerId = money.People.Nino, Number = "N-2", IssuedOn = money.Today.AddDays(-40), DueOn = money.Today.AddDays(-10), Amount = 50m, Currency = "EUR" });
            await elsewhere.SaveChangesAsync(cancel);
        }

        var same = await book.AgedBookAsync(Viewer.System, cancellationToken: cancel);
        var overdue = await book.OverdueAsync(Viewer.System, cancellationToken: cancel);
        await book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "P-1", money.Today, 30m, "N-1"), cancel);
        var after = await book.AgedBookAsync(Viewer.System, cancellationToken: cancel);

        Assert.Equal(100m, first.Totals.Single().Overdue);
        Assert.Equal(100m, same.Totals.Single().Overdue);
        Assert.Equal(["N-1"], overdue.Select(i => i.Number));
        Assert.Equal(120m, after.Totals.Single().Overdue); // 100 + 50 − 30, read afresh after the payment
    }

    [Theory]
    [AllDatabases]
    public async Task AddPaymentAsync_RefusesADuplicateReferenceAnExpiredDiscountAndAForeignCurrency(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 20, 100m);
        var giulia = money.People.Giulia;

        var ok = await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "BANK-1", money.Today, 50m, "N-1"), cancel);
        var again = await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "BANK-1", money.Today, 50m, "N-1"), cancel);
        var late = await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "BANK-2", money.Today, 48m, "N-1", DiscountTaken: 2m), cancel);
        var pounds = await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "BANK-3", money.Today, 50m, "N-1", "GBP"), cancel);
        var unknown = await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "BANK-4", money.Today, 50m, "N-404"), cancel);

        Assert.True(ok.Succeeded);
        Assert.Contains("reference", again.Errors.Keys);
        Assert.Contains("discountTaken", late.Errors.Keys);
        Assert.Contains("currency", pounds.Errors.Keys);
        Assert.Contains("invoice", unknown.Errors.Keys);
        var account = await money.Book.AccountAsync(giulia, money.People.Nino, cancellationToken: cancel);
        Assert.Equal(50m, Assert.Single(account!.Invoices).Open);
        Assert.Single(account.Payments);
    }

    [Theory]
    [AllDatabases]
    public async Task DiscountEffectAsync_ComparesInvoicesWithAndWithoutTheOffer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var giulia = money.People.Giulia;
        var issued = money.Today.AddDays(-40);
        await money.Book.AddInvoiceAsync(giulia, new InvoiceInput(money.People.Nino, "OFFER", issued, 100m), cancel);
        await money.Book.AddInvoiceAsync(giulia, new InvoiceInput(money.People.Nino, "PLAIN", issued, 100m, EarlyDiscountPercent: 0), cancel);
        await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "P1", issued.AddDays(6), 98m, "OFFER", DiscountTaken: 2m), cancel);
        await money.Book.AddPaymentAsync(giulia, new PaymentInput(money.People.Nino, "P2", issued.AddDays(35), 100m, "PLAIN"), cancel);

        var effect = Assert.Single(await money.Book.DiscountEffectAsync(giulia, cancel));

        Assert.Equal(new DiscountEffect("EUR", 1, 1, 2m, 6, 1, 35), effect);
    }
}
