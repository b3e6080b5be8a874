using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;

namespace CalmDesk.Health;

public sealed class AccountHealthTests
{
    private static readonly HealthOptions Options = new() { GrossMarginPercent = 35, HourlyCost = 45 };

    private static HealthFacts Facts(decimal revenue = 10_000m, decimal concessions = 500m, int minutes = 600) => new(
        1, "Trattoria Da Nino", "EUR", 1, "giulia", new DateOnly(2026, 11, 2), revenue, concessions, minutes, AngerRecent: 0.6, AngerBefore: 0.3,
        AbuseIncidents: 2, BoundaryAsks: 1, Overdue: 200m, OldestOverdueDays: 70, PaidLate: 3, Paid: 10, OpenCases: 1, PromisesBrokenByUs: 1, AbuseAtRep: 2);

    [Fact]
    public void Score_SubtractsEachExplainedPenalty_FromKnownFacts()
    {
        var report = AccountHealth.Score(Facts(), Options);

        Assert.Equal((3500m, 450m, 950m, 2550m), (report.Margin, report.TimeCost, report.CostToServe, report.Net));
        Assert.Equal(
            [("cost", 8), ("anger", 14), ("abuse", 16), ("boundaries", 3), ("payment", 18), ("cases", 3), ("promises", 4)],
            report.Penalties.Select(p => (p.Key, p.Points)));
        Assert.Equal(34, report.Score);
        Assert.Equal("at_risk", report.Band);
        Assert.False(report.CostsMoreThanItBrings);
        Assert.Null(report.Trend);
    }

    [Fact]
    public void Score_ASqueakyWheelCostsMoreThanItsMargin_AndTheTrendComparesWithBefore()
    {
        var wheel = AccountHealth.Score(Facts(revenue: 1_000m, concessions: 0m, minutes: 900), Options, before: Facts());

        Assert.True(wheel.CostsMoreThanItBrings);
        Assert.Equal((350m, 675m), (wheel.Margin, wheel.CostToServe));
        Assert.Equal(30, wheel.Penalties.Single(p => p.Key == "cost").Points);
        Assert.Equal(34 - 22 - 34, wheel.Trend); // cost penalty 30 instead of 8: 22 points lower than before
    }

    [Theory]
    [AllDatabases]
    public async Task FactsAsync_ReadsTheRecordsOfTheLastTwelveMonths(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 200, 1000m);
        await money.InvoiceAsync(money.People.Nino, "N-2", 100, 1000m); // due 70 days ago, unpaid
        await money.InvoiceAsync(money.People.Nino, "N-OLD", 500, 7000m); // before the window
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "P-1", money.Today.AddDays(-150), 1000m, "N-1"), cancel);
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "P-OLD", money.Today.AddDays(-400), 7000m, "N-OLD"), cancel);
        await money.Book.AddInvoiceAsync(Viewer.System, new InvoiceInput(money.People.Nino, "NC-1", money.Today.AddDays(-90), 100m, null, null, "credit_note", "N-2"), cancel);
        var log = Books.InteractionLog(money.Db, database.Clock);
        await log.AddAsync(Viewer.System, money.People.Nino, new InteractionInput("call", "outbound", null, null, "Went through the order.", MinutesSpent: 60), cancel);
        await log.AddAsync(Viewer.System, money.People.Nino, new InteractionInput("email", "inbound", null, null, "Sei un incompetente e un idiota, vergognati!"), cancel);
        var book = Books.HealthBook(database, money.Db, ReceivablesFixture.Options, Microsoft.Extensions.Options.Options.Create(Options));

        var facts = (await book.FactsAsync(money.Db.Customers.Where(c => c.Id == money.People.Nino), money.Today, cancel)).Single();

        Assert.Equal((1900m, 100m, 66), (facts.Revenue, facts.Concessions, facts.Minutes));
        Assert.Equal((900m, 70), (facts.Overdue, facts.OldestOverdueDays));
        Assert.Equal((1, 1), (facts.PaidLate, facts.Paid)); // N-1 fell due 170 days ago and was paid 150 days ago
        Assert.Equal(1, facts.AbuseIncidents);
        Assert.Equal(1, facts.OpenCases);
        Assert.True(facts.AngerRecent > 0.5);
    }
}

public sealed class LadderTests
{
    private static readonly HealthOptions Options = new();

    private static HealthFacts Facts(decimal revenue, int minutes, int abuse, int asks, decimal overdue, int? atRep = null) => new(
        1, "X", "EUR", 1, "r", new DateOnly(2026, 11, 2), revenue, 0m, minutes, 0.2, 0.2, abuse, asks, overdue, overdue > 0 ? 20 : 0, 0, 0, 0, 0, atRep ?? abuse);

    [Fact]
    public void For_AHealthyAccount_RecommendsNothing()
    {
        var rungs = Ladder.For(AccountHealth.Score(Facts(50_000m, 120, 0, 0, 0m), Options));

        Assert.All(rungs, r => Assert.False(r.Recommended));
        Assert.Equal(["educate", "boundaries", "reassign", "let_go"], rungs.Select(r => r.Step));
    }

    [Fact]
    public void For_AnAbusiveAccountThatCostsMoreThanItBrings_ClimbsToLetGo_WithItsReasons()
    {
        var report = AccountHealth.Score(Facts(1_000m, 2_000, 3, 2, 400m), Options);

        var rungs = Ladder.For(report).ToDictionary(r => r.Step);

        Assert.True(rungs["reassign"].Recommended);
        Assert.True(rungs["boundaries"].Recommended);
        Assert.True(rungs["let_go"].Recommended);
        Assert.Equal(["costs_more_than_it_brings", "repeated_abuse", "low_score"], rungs["let_go"].Reasons);
    }

    [Fact]
    public void For_AbuseAimedOnlyAtAnEarlierRep_HasBeenHandedOver_AndStillCountsTowardsLettingGo()
    {
        var rungs = Ladder.For(AccountHealth.Score(Facts(1_000m, 2_000, 3, 0, 0m, atRep: 0), Options)).ToDictionary(r => r.Step);

        Assert.False(rungs["reassign"].Recommended);
        Assert.Equal(["reassigned"], rungs["reassign"].Reasons);
        Assert.True(rungs["let_go"].Recommended);
        Assert.Contains("repeated_abuse", rungs["let_go"].Reasons);
    }

    [Fact]
    public void For_CostAloneNeverRecommendsLettingGo()
    {
        var rungs = Ladder.For(AccountHealth.Score(Facts(1_000m, 2_000, 0, 0, 0m), Options)).ToDictionary(r => r.Step);

        Assert.False(rungs["let_go"].Recommended);
        Assert.Contains("costs_more_than_it_brings", rungs["let_go"].Reasons);
    }
}
