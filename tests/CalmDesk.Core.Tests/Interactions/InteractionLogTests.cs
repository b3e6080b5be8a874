using CalmDesk.Accounts;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

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
    public async Task AddAsync_AMessageThatLosesTheCaseToAnotherWriter_IsReadAgainAndStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (nino, _) = await ImportFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        const string complaint = "You charged us twice for the March invoice. Unacceptable, refund the double charge.";
        var caseId = await ImportFixture.OpenCaseAsync(database, nino, complaint);

        // Another instance's message joins the same case just after this one has read it: this one's save then finds a
        // newer version than it read.
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        int before;
        await using (var read = database.NewContext())
        {
            before = await read.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync(cancel);
        }

        var rival = new RivalAfterCaseRead(database, caseId);
        await using var db = database.NewContext(rival);
        var outcome = await Books.InteractionLog(db, database.Clock).AddAsync(Viewer.System, nino, new InteractionInput("email", "inbound", null, null, complaint + " Second reminder."), cancel);

        Assert.True(outcome.Succeeded);
        Assert.Equal(caseId, outcome.Value!.CaseId);
        Assert.True(rival.Reads >= 2, "the message was taken again after losing the race");
        await using var check = database.NewContext();
        Assert.Equal(2, await check.Interactions.CountAsync(i => i.CaseId == caseId, cancel));
        Assert.Equal(before + 2, await check.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync(cancel));
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
