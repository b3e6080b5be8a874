using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CalmDesk.Health;

/// A book bigger than SQLite's 32,766 query variables: no query may grow its parameter list with the data (the
/// dashboard, `GET /api/v1/health` and the collection sweep used to fail here with "too many SQL variables").
public sealed class BookSizeTests
{
    private const int Customers = 33_000;

    // SQLite is the database that limits SQL variables; the seed writes SQLite's stored form of dates.
    [Fact]
    public async Task Portfolio_Of33000Customers_IsScored()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();
        await SeedAsync(db, database.Clock.GetUtcNow(), withOverdueInvoices: false);
        var book = Books.HealthBook(database, db, ReceivablesFixture.Options);

        // Too many waiting for a read to work out: the read says so, and the background refresh does the work.
        var first = await book.SummaryAsync(Viewer.System, cancellationToken: TestContext.Current.CancellationToken);
        var refreshed = await book.RefreshAsync(Viewer.System, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken);
        var portfolio = await book.SummaryAsync(Viewer.System, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0, Customers), (first.Total, first.Waiting));
        Assert.Equal(Customers, refreshed);
        Assert.Equal((Customers, 0), (portfolio.Total, portfolio.Waiting));
        Assert.Equal(Customers, portfolio.Buckets.Sum());
    }

    [Fact]
    public async Task CollectionSweep_Over33000OverdueInvoices_DraftsTheStepsNotTakenYet()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();
        await SeedAsync(db, database.Clock.GetUtcNow(), withOverdueInvoices: true);
        // Every step of the plan already taken for all but the first 100 invoices: the sweep still reads all 33,000.
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH s(step, kind) AS (VALUES ('friendly', 'Friendly'), ('notice', 'Notice'), ('call', 'Call'), ('copy-60', 'Copy'), ('copy-90', 'Copy'))
            INSERT INTO "CollectionActions" ("Body", "CreatedAt", "CustomerId", "DaysOverdue", "InvoiceId", "Kind", "Language", "Status", "Step", "Subject")
            SELECT '', 0, i."CustomerId", 170, i."Id", s.kind, 'en', 'Skipped', s.step, '' FROM "Invoices" i CROSS JOIN s WHERE i."Id" > 100
            """,
            TestContext.Current.CancellationToken);
        var sweep = new CollectionSweep(db, database.Clock, ReceivablesFixture.Options,
            new Playbooks.PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock), new ReceivablesBook(db, database.Clock, ReceivablesFixture.Options));

        var result = await sweep.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(100, result.Drafted);
        Assert.Equal(100, await db.CollectionActions.CountAsync(a => a.Status == CollectionActionStatus.Pending, TestContext.Current.CancellationToken));
    }

    /// Written in one statement each (a recursive counter), as a bulk load would: through the model it takes minutes.
    private static async Task SeedAsync(CalmDeskDbContext db, DateTimeOffset now, bool withOverdueInvoices)
    {
        var created = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0})
            INSERT INTO "Customers" ("Company", "CreatedAt", "Currency", "PreferredLanguage", "SearchKey", "Status")
            SELECT 'Customer ' || i, {1}, 'EUR', 'en', 'customer ' || i, 'Active' FROM n
            """,
            [Customers, created], TestContext.Current.CancellationToken);
        if (withOverdueInvoices)
        {
            var issued = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-200).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-170).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Invoices" ("Amount", "CreatedAt", "Currency", "CustomerId", "DueOn", "IssuedOn", "Kind", "Number")
                SELECT '100.00', {0}, 'EUR', "Id", {1}, {2}, 'Invoice', 'INV-' || "Id" FROM "Customers"
                """,
                [created, due, issued], TestContext.Current.CancellationToken);
        }
    }
}
