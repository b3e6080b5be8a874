namespace CalmDesk.Receivables;

public sealed class LedgerTests
{
    private static readonly DateOnly Day = new(2026, 6, 30);

    private static Invoice Bill(int id, string number, DateOnly issued, DateOnly due, decimal amount, string currency = "EUR", int customer = 1, InvoiceKind kind = InvoiceKind.Invoice, int? corrects = null) =>
        new() { Id = id, CustomerId = customer, Number = number, IssuedOn = issued, DueOn = due, Amount = amount, Currency = currency, Kind = kind, CorrectsInvoiceId = corrects };

    private static Payment Paid(int id, DateOnly on, decimal amount, int? invoice = null, string currency = "EUR", int customer = 1, decimal discount = 0) =>
        new() { Id = id, CustomerId = customer, Reference = "P" + id, ReceivedOn = on, Amount = amount, Currency = currency, InvoiceId = invoice, DiscountTaken = discount };

    [Fact]
    public void Settle_PartialPaymentWithoutInvoice_SettlesTheOldestFirst()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "B", new(2026, 4, 1), new(2026, 5, 1), 200m)];

        var position = Ledger.Settle(bills, [Paid(1, new(2026, 6, 1), 150m)], Day);

        Assert.Equal(0m, position.Invoices.Single(s => s.Invoice.Number == "A").Open);
        Assert.Equal(new DateOnly(2026, 6, 1), position.Invoices.Single(s => s.Invoice.Number == "A").SettledOn);
        Assert.Equal(150m, position.Invoices.Single(s => s.Invoice.Number == "B").Open);
        Assert.Null(position.Invoices.Single(s => s.Invoice.Number == "B").SettledOn);
    }

    [Fact]
    public void Settle_PaymentNamingAnInvoice_SettlesThatOneAndSpillsTheRestToTheOldest()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "B", new(2026, 4, 1), new(2026, 5, 1), 200m)];

        var position = Ledger.Settle(bills, [Paid(1, new(2026, 6, 1), 250m, invoice: 2)], Day);

        Assert.Equal(0m, position.Invoices.Single(s => s.Invoice.Number == "B").Open);
        Assert.Equal(50m, position.Invoices.Single(s => s.Invoice.Number == "A").Open);
    }

    [Fact]
    public void Settle_CreditNote_ReducesTheInvoiceItCorrects()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "B", new(2026, 4, 1), new(2026, 5, 1), 200m),
            Bill(3, "CN-1", new(2026, 5, 10), new(2026, 5, 10), 40m, kind: InvoiceKind.CreditNote, corrects: 2)];

        var position = Ledger.Settle(bills, [], Day);

        Assert.Equal(100m, position.Invoices.Single(s => s.Invoice.Number == "A").Open);
        Assert.Equal(160m, position.Invoices.Single(s => s.Invoice.Number == "B").Open);
        Assert.DoesNotContain(position.Invoices, s => s.Invoice.Number == "CN-1");
    }

    [Fact]
    public void Settle_Overpayment_WaitsAsUnappliedCreditAndPaysTheNextInvoice()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "B", new(2026, 6, 15), new(2026, 7, 15), 80m)];
        Payment[] payments = [Paid(1, new(2026, 4, 1), 130m)];

        var before = Ledger.Settle(bills, payments, new DateOnly(2026, 6, 1));
        var after = Ledger.Settle(bills, payments, Day);

        Assert.Equal(30m, before.Unapplied[(1, "EUR")]);
        Assert.Equal(50m, after.Invoices.Single(s => s.Invoice.Number == "B").Open);
        Assert.Empty(after.Unapplied);
    }

    [Fact]
    public void Settle_CurrenciesAreKeptApart_APoundPaymentNeverPaysAEuroInvoice()
    {
        Invoice[] bills = [Bill(1, "E", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "G", new(2026, 3, 1), new(2026, 3, 31), 100m, "GBP")];

        var position = Ledger.Settle(bills, [Paid(1, new(2026, 4, 1), 100m, currency: "GBP")], Day);

        Assert.Equal(100m, position.Invoices.Single(s => s.Invoice.Number == "E").Open);
        Assert.Equal(0m, position.Invoices.Single(s => s.Invoice.Number == "G").Open);
        var rows = Aging.Rows(position, new Dictionary<int, string> { [1] = "Nino" });
        Assert.Equal(["EUR"], rows.Select(r => r.Currency));
    }

    [Fact]
    public void Settle_DiscountTaken_SettlesTheInvoiceInFull()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m)];

        var position = Ledger.Settle(bills, [Paid(1, new(2026, 3, 8), 98m, invoice: 1, discount: 2m)], Day);

        Assert.Equal(0m, position.Invoices.Single().Open);
    }

    [Fact]
    public void Settle_AsOfADay_IgnoresDocumentsAndPaymentsAfterIt()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 3, 1), new(2026, 3, 31), 100m), Bill(2, "B", new(2026, 7, 1), new(2026, 7, 31), 100m)];

        var position = Ledger.Settle(bills, [Paid(1, new(2026, 7, 2), 100m)], Day);

        Assert.Equal(100m, Assert.Single(position.Invoices).Open);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(60, 2)]
    [InlineData(61, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    public void BucketOf_BoundaryDays_FallInTheStandardBuckets(int daysOverdue, int bucket) =>
        Assert.Equal(bucket, Aging.BucketOf(daysOverdue));

    [Fact]
    public void Rows_SumEachBucketPerCustomer_AndTotalsPerCurrency()
    {
        Invoice[] bills =
        [
            Bill(1, "A", new(2026, 6, 20), new(2026, 7, 20), 10m),     // current
            Bill(2, "B", new(2026, 5, 1), new(2026, 5, 31), 20m),      // 30 days: 1–30
            Bill(3, "C", new(2026, 4, 1), new(2026, 5, 30), 40m),      // 31 days: 31–60
            Bill(4, "D", new(2026, 3, 1), new(2026, 3, 31), 80m),      // 91 days: over 90
            Bill(5, "E", new(2026, 3, 1), new(2026, 3, 31), 5m, customer: 2),
        ];

        var position = Ledger.Settle(bills, [], Day);
        var rows = Aging.Rows(position, new Dictionary<int, string> { [1] = "Nino", [2] = "Harbour" });
        var totals = Aging.Totals(rows);

        var nino = rows.Single(r => r.CustomerId == 1);
        Assert.Equal((10m, 20m, 40m, 0m, 80m), (nino.Current, nino.Days1To30, nino.Days31To60, nino.Days61To90, nino.Over90));
        Assert.Equal(150m, nino.Balance);
        Assert.Equal(155m, Assert.Single(totals).Balance);
        Assert.Equal(85m, totals[0].Over90);
    }

    [Fact]
    public void Dso_IsBalanceOverSalesTimesDays_AndNullWithoutSales()
    {
        Invoice[] bills =
        [
            Bill(1, "A", new(2026, 5, 1), new(2026, 5, 31), 600m),
            Bill(2, "B", new(2026, 6, 1), new(2026, 7, 1), 300m),
            Bill(3, "CN", new(2026, 6, 2), new(2026, 6, 2), 100m, kind: InvoiceKind.CreditNote, corrects: 2),
            Bill(4, "OLD", new(2025, 1, 1), new(2025, 1, 31), 50m, "GBP"),
        ];
        var position = Ledger.Settle(bills, [Paid(1, new(2026, 6, 10), 400m, invoice: 1)], Day);
        var totals = Aging.Totals(Aging.Rows(position, new Dictionary<int, string> { [1] = "Nino" }));

        var dso = Aging.Dso(totals, Aging.Sales(bills, Day, 90), 90);

        // EUR: open 200 + 200 = 400; sales in the 90 days 600 + 300 − 100 = 800; 400 / 800 × 90 = 45.
        Assert.Equal(45.0m, dso.Single(d => d.Currency == "EUR").Value);
        Assert.Null(dso.Single(d => d.Currency == "GBP").Value);
    }

    [Fact]
    public void Monthly_CountsSettledInvoicesAndAverageLateness()
    {
        Invoice[] bills = [Bill(1, "A", new(2026, 4, 1), new(2026, 5, 1), 100m), Bill(2, "B", new(2026, 4, 15), new(2026, 5, 15), 100m)];
        Payment[] payments = [Paid(1, new(2026, 5, 1), 100m, invoice: 1), Paid(2, new(2026, 5, 25), 100m, invoice: 2)];

        var months = PaymentBehaviour.Monthly(Ledger.Settle(bills, payments, Day), 3);

        Assert.Equal([(2026, 4), (2026, 5), (2026, 6)], months.Select(m => (m.Year, m.Month)));
        var may = months[1];
        Assert.Equal((2, 1, 5.0), (may.Settled, may.OnTime, may.AverageDaysLate));
    }

    [Fact]
    public void Today_AtAMonthEnd_IsTheBusinessesDayNotUtcs()
    {
        // 23:30 UTC on 31 January is already 1 February in Athens: an invoice due on the 31st is then one day late.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 1, 31, 23, 30, 0, TimeSpan.Zero));
        var athens = new ReceivablesOptions { TimeZone = "Europe/Athens" };
        var london = new ReceivablesOptions { TimeZone = "Europe/London" };
        Invoice[] bills = [Bill(1, "A", new(2027, 1, 1), new(2027, 1, 31), 100m)];

        Assert.Equal(new DateOnly(2027, 2, 1), athens.Today(clock));
        Assert.Equal(new DateOnly(2027, 1, 31), london.Today(clock));
        Assert.True(Ledger.Settle(bills, [], athens.Today(clock)).Invoices[0].IsOverdue(athens.Today(clock)));
        Assert.False(Ledger.Settle(bills, [], london.Today(clock)).Invoices[0].IsOverdue(london.Today(clock)));
    }
}
