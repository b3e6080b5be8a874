using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Commitments;

public sealed class CommitmentBookTests
{
    [Theory]
    [AllDatabases]
    public async Task ListAsync_RepSeesOnlyOwnPromises_MostUrgentFirst(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CommitmentBook(db, database.Clock);
        var now = database.Clock.GetUtcNow();
        await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Later", now.AddDays(3)), cancellationToken: TestContext.Current.CancellationToken);
        await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Soon", now.AddHours(3)), cancellationToken: TestContext.Current.CancellationToken);
        await book.CreateAsync(fixture.James, new CommitmentInput(fixture.Harbour, null, "James's", now.AddHours(1)), cancellationToken: TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromHours(2.5));

        var giulia = await book.ListAsync(fixture.Giulia, cancellationToken: TestContext.Current.CancellationToken);
        var all = await book.ListAsync(new Viewer("manager", SeesAll: true), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Soon", "Later"], giulia.Select(c => c.What));
        Assert.Equal([CommitmentState.AtRisk, CommitmentState.Upcoming], giulia.Select(c => c.State));
        Assert.Equal(["James's", "Soon", "Later"], all.Select(c => c.What));
        Assert.Equal(CommitmentState.Overdue, all[0].State);
    }

    [Theory]
    [AllDatabases]
    public async Task CreateAsync_RepCannotPromiseForSomeoneElse_OrForAnotherRepsCustomer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CommitmentBook(db, database.Clock);
        var due = database.Clock.GetUtcNow().AddDays(1);

        var forJames = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "x", due, fixture.JamesRep), cancellationToken: TestContext.Current.CancellationToken);
        var harbour = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Harbour, null, "x", due), cancellationToken: TestContext.Current.CancellationToken);
        var past = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, " ", due.AddDays(-2)), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["ownerRepId"], forJames.Errors.Keys);
        Assert.Equal(["customerId"], harbour.Errors.Keys);
        Assert.Equal(["dueAt", "what"], past.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await db.Commitments.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task DelayAsync_KeepsBothDates_RecordsNotice_AndReArmsReminders(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CommitmentBook(db, database.Clock);
        var now = database.Clock.GetUtcNow();
        var created = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Send the corrected invoice", now.AddHours(4)), cancellationToken: TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromHours(3.5));
        await new CommitmentSweep(db, database.Clock).RunAsync(TestContext.Current.CancellationToken);

        var offTheCalendar = await book.DelayAsync(fixture.Giulia, created.Value!.Id, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), "supplier late", "Gentile Nino, arriverà.", TestContext.Current.CancellationToken);
        var refused = await book.DelayAsync(fixture.Giulia, created.Value!.Id, now.AddHours(30), "supplier late", " ", TestContext.Current.CancellationToken);
        var delayed = await book.DelayAsync(fixture.Giulia, created.Value.Id, now.AddHours(30), "supplier late", "Gentile Nino, la fattura arriverà domani.", TestContext.Current.CancellationToken);

        Assert.Equal(["notice"], refused.Errors.Keys);
        Assert.Equal(["newDueAt"], offTheCalendar.Errors.Keys);
        var view = delayed.Value!;
        Assert.Equal(now.AddHours(30), view.DueAt);
        Assert.Equal(CommitmentState.Upcoming, view.State);
        var change = view.History[^1];
        Assert.Equal(CommitmentChangeKind.Delayed, change.Kind);
        Assert.Equal(now.AddHours(4), change.PreviousDueAt);
        Assert.Equal(now.AddHours(30), change.NewDueAt);
        Assert.Equal("supplier late", change.Reason);
        var stored = await db.Commitments.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(stored.ReminderSentAt);
        Assert.Null(stored.AtRiskSentAt);
        var notice = await db.Interactions.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Direction.Outbound, notice.Direction);
        Assert.Equal("Gentile Nino, la fattura arriverà domani.", notice.Body);
    }

    [Theory]
    [AllDatabases]
    public async Task CompleteAsync_ClosesOnce_AndOthersCannotTouchIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CommitmentBook(db, database.Clock);
        var created = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Call back", database.Clock.GetUtcNow().AddHours(2)), cancellationToken: TestContext.Current.CancellationToken);

        var byJames = await book.CompleteAsync(fixture.James, created.Value!.Id, TestContext.Current.CancellationToken);
        var done = await book.CompleteAsync(fixture.Giulia, created.Value.Id, TestContext.Current.CancellationToken);
        var again = await book.CompleteAsync(fixture.Giulia, created.Value.Id, TestContext.Current.CancellationToken);

        Assert.True(byJames.NotFound);
        Assert.Equal(CommitmentState.Done, done.Value!.State);
        Assert.Contains("status", again.Errors.Keys);
    }
}
