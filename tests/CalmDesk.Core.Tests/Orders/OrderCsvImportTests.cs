using System.Text;
using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Orders;

public sealed class OrderCsvImportTests
{
    private const string Csv = """
        customer,order,ordered_on,item,quantity,unit_price,delivered
        Trattoria Da Nino,SO-1,2026-10-01,Chianti 750ml,40,9.50,24
        Trattoria Da Nino,SO-1,2026-10-01,Prosecco DOC,12,7.00,
        Trattoria Da Nino,SO-1,2026-10-02,Olio EVO 1l,6,11.00,
        Trattoria Da Nino,SO-2,2026-31-10,Chianti 750ml,10,9.50,
        Nobody Ltd,SO-3,2026-10-01,Chianti 750ml,10,9.50,
        Harbour Lane Wines,H-7,2026-10-05,Rioja,-3,8.00,
        Harbour Lane Wines,H-8,2026-10-05,Rioja,30,8.00,
        """;

    [Theory]
    [AllDatabases]
    public async Task ImportAsync_GroupsLinesIntoOrders_RejectsBadRowsAlone_AndASecondRunImportsNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var import = new OrderCsvImport(db, database.Clock);

        var first = await import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), cancellationToken: cancel);
        var second = await import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), cancellationToken: cancel);

        Assert.Equal((3, 0), (first.Imported, first.Duplicates));
        Assert.Equal(["line 4", "line 5", "line 6", "line 7"], first.Rejected.Select(r => r.Location));
        Assert.Contains("2026-10-01, not 2026-10-02", first.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("orderedon '2026-31-10'", first.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("Nobody Ltd", first.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Equal((0, 3), (second.Imported, second.Duplicates));
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).OrderBy(o => o.Number).ToListAsync(cancel);
        Assert.Equal(["H-8", "SO-1"], orders.Select(o => o.Number));
        var so1 = orders[1];
        Assert.Equal(people.Nino, so1.CustomerId);
        Assert.Equal([("Chianti 750ml", 40m, (decimal?)24m), ("Prosecco DOC", 12m, null)], so1.Lines.OrderBy(l => l.Item).Select(l => (l.Item, l.Ordered, l.Delivered)));
    }

    [Theory]
    [AllDatabases]
    public async Task ImportAsync_NeverAddsALineToAConfirmedOrder(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var order = await OneOrderAsync(database, db, "SO-9", cancel);
        var import = new OrderCsvImport(db, database.Clock);
        await new OrderBook(db, database.Clock).ConfirmAsync(Viewer.System, order.Id, "email", "Confermiamo 40 Chianti 750ml.", null, acknowledged: false, cancel);

        var later = await import.ImportAsync(new MemoryStream("customer,order,orderedon,item,quantity\nTrattoria Da Nino,SO-9,2026-10-01,Prosecco DOC,12\n"u8.ToArray()), cancellationToken: cancel);

        var rejected = Assert.Single(later.Rejected);
        Assert.Contains("already confirmed", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await db.Set<OrderLine>().CountAsync(cancel));
    }

    /// A confirmation or a delivery is read as carefully as the order itself: no negative quantity, no delivery day
    /// off the calendar; a refused one changes nothing.
    [Theory]
    [AllDatabases]
    public async Task ConfirmAndDeliver_RefuseNegativeQuantitiesAndImpossibleDays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var order = await OneOrderAsync(database, db, "SO-10", cancel);
        var book = new OrderBook(db, database.Clock);

        var negativeConfirmation = await book.ConfirmAsync(Viewer.System, order.Id, "email", "ok", new Dictionary<string, decimal> { ["Chianti 750ml"] = -1 }, acknowledged: false, cancel);
        var negativeDelivery = await book.DeliverAsync(Viewer.System, order.Id, new DateOnly(2026, 10, 5), new Dictionary<string, decimal> { ["Chianti 750ml"] = -5 }, cancel);
        var farDelivery = await book.DeliverAsync(Viewer.System, order.Id, new DateOnly(9999, 12, 31), null, cancel);

        Assert.Equal(["lines"], negativeConfirmation.Errors.Keys);
        Assert.Equal(["lines"], negativeDelivery.Errors.Keys);
        Assert.Equal(["deliveredOn"], farDelivery.Errors.Keys);
        var stored = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(cancel);
        Assert.Null(stored.ConfirmedAt);
        Assert.Null(stored.DeliveredOn);
        Assert.Null(Assert.Single(stored.Lines).Delivered);
    }

    /// A delivery on record is what settles a dispute about it: a second one for the same order is refused and the first
    /// stays as recorded.
    [Theory]
    [AllDatabases]
    public async Task Deliver_ASecondTime_IsRefused_AndTheFirstStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var order = await OneOrderAsync(database, db, "SO-11", cancel);
        var book = new OrderBook(db, database.Clock);

        var first = await book.DeliverAsync(Viewer.System, order.Id, new DateOnly(2026, 10, 5), new Dictionary<string, decimal> { ["Chianti 750ml"] = 36 }, cancel);
        var second = await book.DeliverAsync(Viewer.System, order.Id, new DateOnly(2026, 10, 9), new Dictionary<string, decimal> { ["Chianti 750ml"] = 40 }, cancel);

        Assert.True(first.Succeeded);
        Assert.Equal(["deliveredOn"], second.Errors.Keys);
        db.ChangeTracker.Clear();
        var stored = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(cancel);
        Assert.Equal(new DateOnly(2026, 10, 5), stored.DeliveredOn);
        Assert.Equal(36, Assert.Single(stored.Lines).Delivered);
    }

    /// The seeded people and one imported order of 40 Chianti for Trattoria Da Nino, not yet confirmed or delivered.
    private static async Task<Order> OneOrderAsync(TestDatabase database, CalmDeskDbContext db, string number, CancellationToken cancel)
    {
        await CaseFixture.SeedAsync(database);
        var csv = $"customer,order,orderedon,item,quantity\nTrattoria Da Nino,{number},2026-10-01,Chianti 750ml,40\n";
        var result = await new OrderCsvImport(db, database.Clock).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), cancellationToken: cancel);
        Assert.Equal(1, result.Imported);
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Number == number, cancel);
    }
}
