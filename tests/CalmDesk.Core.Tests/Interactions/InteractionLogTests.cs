using CalmDesk.Accounts;
using CalmDesk.Data;

namespace CalmDesk.Interactions;

public sealed class InteractionLogTests
{
    [Theory]
    [AllDatabases]
    public async Task TimelineAsync_ListsNewestFirst(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var now = database.Clock.GetUtcNow();
        foreach (var daysAgo in new[] { 3, 1, 2 })
        {
            await log.AddAsync(Viewer.System, nino, new InteractionInput("call", "inbound", now.AddDays(-daysAgo), null, $"{daysAgo} days ago"), TestContext.Current.CancellationToken);
        }

        var timeline = await log.TimelineAsync(Viewer.System, nino, 1, 10, TestContext.Current.CancellationToken);

        Assert.Equal(["1 days ago", "2 days ago", "3 days ago"], timeline!.Items.Select(i => i.Body));
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_ContactOfAnotherCustomer_IsRefused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, harbour) = await ImportFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var harbourContact = db.Contacts.Single(c => c.CustomerId == harbour).Id;

        var outcome = await log.AddAsync(Viewer.System, nino, new InteractionInput("email", "inbound", null, null, "hi", ContactId: harbourContact), TestContext.Current.CancellationToken);

        Assert.Contains("contactId", outcome.Errors.Keys);
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_FutureDateAndNegativeMinutes_AreFieldErrors(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        await using var db = database.NewContext();

        var outcome = await Books.InteractionLog(db, database.Clock).AddAsync(
            Viewer.System, nino, new InteractionInput("call", "inbound", database.Clock.GetUtcNow().AddDays(3), null, "x", MinutesSpent: -5), TestContext.Current.CancellationToken);

        Assert.Equal(["minutesSpent", "occurredAt"], outcome.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllDatabases]
    public async Task AddAsync_SameExternalIdTwice_StoresItOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var log = Books.InteractionLog(db, database.Clock);
        var input = new InteractionInput("email", "inbound", null, null, "hello", ExternalId: "<m1@x>");

        var first = await log.AddAsync(Viewer.System, nino, input, TestContext.Current.CancellationToken);
        var second = await log.AddAsync(Viewer.System, nino, input, TestContext.Current.CancellationToken);

        Assert.True(first.Succeeded);
        Assert.Contains("externalId", second.Errors.Keys);
    }
}
