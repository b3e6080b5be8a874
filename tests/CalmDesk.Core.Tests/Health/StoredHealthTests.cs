using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Health;

/// The stored health and balances as a reader meets them: a new customer waits to be worked out and the next read does
/// it; the portfolio's sums kept in memory move with every change to the records, for each reader separately.
public sealed class StoredHealthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task ANewCustomer_GetsAWaitingRowInItsSave_AndTheNextReadWorksItOut(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        await money.Health.PageAsync(manager, false, null, null, Token); // the fixture's two customers worked out
        var created = await new CustomerDirectory(money.Db, database.Clock).CreateAsync(Viewer.System, new CustomerInput("Osteria Nuova", AssignedRepId: money.People.GiuliaRep), [], Token);
        var id = created.Value!.Id;
        await using var look = database.NewContext();
        var row = await look.HealthScores.AsNoTracking().SingleAsync(h => h.CustomerId == id, Token);

        var page = await money.Health.PageAsync(manager, false, null, null, Token);

        Assert.Equal(-1, row.Computed); // there at once, waiting
        Assert.Equal((3, 0), (page.Page.Total, page.Waiting));
        Assert.Contains(page.Page.Items, r => r.Facts.CustomerId == id);
        var computed = await look.HealthScores.AsNoTracking().SingleAsync(h => h.CustomerId == id, Token);
        Assert.Equal((computed.Changes, money.Health.Today), (computed.Computed, computed.AsOf));
    }

    /// The ladder's hand-over rung is for abuse the account's present rep took: once a manager has handed the account
    /// to a colleague it has been climbed, and it is recommended again only when the colleague is abused too. Read
    /// from the stored score, as the customer's page reads it.
    [Theory]
    [AllDatabases]
    public async Task AHandoverAfterAbuse_ClimbsTheReassignRung_UntilTheNewRepIsAbusedToo(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        var log = Books.InteractionLog(money.Db, database.Clock);
        var insult = new Interactions.InteractionInput("email", "inbound", null, null, "Sei un incompetente e un idiota, vergognati!");
        async Task<(HealthReport Report, Rung Rung)> ReadAsync()
        {
            var report = (await money.Health.ForAsync(manager, money.People.Nino, Token))!;
            return (report, Ladder.For(report).Single(r => r.Step == "reassign"));
        }

        await log.AddAsync(Viewer.System, money.People.Nino, insult, Token);
        var abused = await ReadAsync();
        var handovers = new Reps.HandoverDesk(money.Db, database.Clock);
        // Suggested already if the insult crossed Giulia's line; else she asks.
        var asked = (await handovers.ListAsync(manager, pendingOnly: true, Token)).SingleOrDefault()
            ?? (await handovers.RequestAsync(money.People.Giulia, money.People.Nino, "Insulted on the phone and by e-mail.", Token)).Value!;
        Assert.True((await handovers.ApproveAsync(manager, asked.Id, money.People.JamesRep, Token)).Succeeded);
        var handedOver = await ReadAsync();
        database.Clock.Advance(TimeSpan.FromHours(1));
        await log.AddAsync(Viewer.System, money.People.Nino, insult, Token);
        var abusedAgain = await ReadAsync();
        await using var look = database.NewContext();
        var stored = await look.HealthScores.AsNoTracking().SingleAsync(h => h.CustomerId == money.People.Nino, Token);

        Assert.Equal((1, 1, true, "abuse"), (abused.Report.Facts.AbuseIncidents, abused.Report.Facts.AbuseAtRep, abused.Rung.Recommended, Assert.Single(abused.Rung.Reasons)));
        Assert.Equal((1, 0, false, "reassigned"), (handedOver.Report.Facts.AbuseIncidents, handedOver.Report.Facts.AbuseAtRep, handedOver.Rung.Recommended, Assert.Single(handedOver.Rung.Reasons)));
        Assert.Equal(money.People.JamesRep, handedOver.Report.Facts.RepId);
        Assert.Equal((2, 1, true), (abusedAgain.Report.Facts.AbuseIncidents, abusedAgain.Report.Facts.AbuseAtRep, abusedAgain.Rung.Recommended));
        Assert.Equal((stored.Changes, 2, 1), (stored.Computed, stored.AbuseIncidents, stored.AbuseAtRep));
    }

    /// A promise still open counts against us once its moment has passed, not from the start of its day: one due this
    /// afternoon is not broken at half past nine, and is once the afternoon has come.
    [Theory]
    [AllDatabases]
    public async Task AnOpenPromise_CountsAsBroken_OnlyOnceItsMomentHasPassed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        var now = database.Clock.GetUtcNow(); // 09:30
        Commitments.Commitment Promise(string what, TimeSpan fromNow) => new()
        {
            CustomerId = money.People.Nino, OwnerRepId = money.People.GiuliaRep, What = what, DueAt = now + fromNow,
            CreatedAt = now.AddDays(-1), RemindAt = now + fromNow, AtRiskAt = now + fromNow,
        };
        money.Db.Commitments.AddRange(Promise("Call back about the invoice", TimeSpan.FromHours(-1)), Promise("Send the corrected copy", TimeSpan.FromHours(5)));
        await money.Db.SaveChangesAsync(Token);

        var morning = await money.Health.WorkOutAsync(manager, money.People.Nino, Token);
        database.Clock.Advance(TimeSpan.FromHours(6));
        var evening = await money.Health.WorkOutAsync(manager, money.People.Nino, Token);

        Assert.Equal(1, morning!.Facts.PromisesBrokenByUs);
        Assert.Equal(2, evening!.Facts.PromisesBrokenByUs);
    }

    [Theory]
    [AllDatabases]
    public async Task AMessageReadAgain_MarksItsCustomer_SoItsMoodAndConversationAreWorkedOutAgain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        await Books.InteractionLog(money.Db, database.Clock).AddAsync(Viewer.System, money.People.Harbour, new Interactions.InteractionInput(
            "email", "inbound", database.Clock.GetUtcNow().AddHours(-1), "Order", "Where is the order we paid for last week?"), Token);
        await money.Health.PageAsync(manager, false, null, null, Token);
        long Changes() => money.Db.HealthScores.AsNoTracking().Single(h => h.CustomerId == money.People.Harbour).Changes;
        var before = Changes();

        // Only the message's analysis (a part it owns) changes, not its own columns.
        Assert.True(await new Interactions.InteractionAnalysis(money.Db, database.Clock).ReanalyzeAsync(all: true, cancellationToken: Token) > 0);

        Assert.True(Changes() > before);
    }

    [Theory]
    [AllDatabases]
    public async Task PortfolioSums_FollowEachChange_AndEachReaderKeepsTheirOwn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        await money.InvoiceAsync(money.People.Nino, "N-1", 50, 120.50m);
        var before = await money.StoredBook.AgedBookAsync(manager, cancellationToken: Token);
        var summaryBefore = await money.Health.SummaryAsync(manager, cancellationToken: Token);
        var giuliasBefore = await money.StoredBook.AgedBookAsync(money.People.Giulia, cancellationToken: Token);
        var stamp = await money.Db.ReadModelStamps.AsNoTracking().SingleAsync(s => s.Name == ReadModelStamp.Health, Token);

        await money.InvoiceAsync(money.People.Harbour, "H-1", 100, 80m);
        var after = await money.StoredBook.AgedBookAsync(manager, cancellationToken: Token);
        var summaryAfter = await money.Health.SummaryAsync(manager, cancellationToken: Token);
        var giuliasAfter = await money.StoredBook.AgedBookAsync(money.People.Giulia, cancellationToken: Token);
        var late = await money.Desk.LatePayersAsync(manager, 1, 1, Token);
        var nextLate = await money.Desk.LatePayersAsync(manager, 2, 1, Token);

        Assert.Equal(120.50m, Assert.Single(before.Totals).Days1To30); // 20 days late
        Assert.Equal((120.50m, 80m), (Assert.Single(after.Totals).Days1To30, after.Totals[0].Days61To90)); // and 70 days late
        Assert.Equal((1, 2), (before.CustomerCount, after.CustomerCount));
        Assert.True(await money.Db.ReadModelStamps.AsNoTracking().Where(s => s.Name == ReadModelStamp.Health).Select(s => s.Version).SingleAsync(Token) > stamp.Version);
        Assert.Equal(summaryBefore.Total, summaryAfter.Total);
        Assert.True(summaryAfter.Charts.Single().Points.Single(p => p.Facts.CustomerId == money.People.Harbour).Facts.Overdue == 80m);
        Assert.Equal(giuliasBefore.Totals, giuliasAfter.Totals); // not hers: her figures did not move
        Assert.Equal(giuliasBefore.Totals, before.Totals);
        // The late payers' order comes from memory too, and still pages: the oldest debt first.
        Assert.Equal((2, money.People.Harbour), (late.Total, Assert.Single(late.Items).CustomerId));
        Assert.Equal(money.People.Nino, Assert.Single(nextLate.Items).CustomerId);
    }

    [Theory]
    [AllDatabases]
    public async Task ReadersArrivingTogether_WorkAWaitingRowOutOnce_AndAllSeeIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var manager = new Viewer("someone", SeesAll: true);
        await money.Health.SummaryAsync(manager, cancellationToken: Token);
        await money.InvoiceAsync(money.People.Nino, "N-1", 50, 120.50m);
        long Stamp(CalmDeskDbContext db) => db.ReadModelStamps.AsNoTracking().Single(s => s.Name == ReadModelStamp.Health).Version;
        var before = Stamp(money.Db);

        var summaries = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = database.NewContext();
            var book = Books.HealthBook(database, db, ReceivablesFixture.Options, memo: money.Memo);
            return await book.SummaryAsync(manager, cancellationToken: Token);
        }));

        Assert.Equal(before + 1, Stamp(money.Db)); // one refresh stored it; the others waited and found it done
        Assert.All(summaries, s => Assert.Equal(120.50m, s.Charts.Single().Points.Single(p => p.Facts.CustomerId == money.People.Nino).Facts.Overdue));
    }
}
