using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Commitments;

public sealed class CommitmentSweepTests
{
    [Theory]
    [AllDatabases]
    public async Task RunAsync_FiresReminderThenAtRiskThenOverdue_EachOnce_AndEscalatesOverdueToManagers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("helen@ourco.example", Roles.Manager);
        await using var db = database.NewContext();
        var created = await Books.CommitmentBook(db, database.Clock).CreateAsync(
            fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Call back with the delivery date", database.Clock.GetUtcNow().AddDays(3)),
            cancellationToken: TestContext.Current.CancellationToken);
        var sweep = new CommitmentSweep(db, database.Clock);
        var kinds = new List<string>();

        async Task StepAsync(TimeSpan by)
        {
            database.Clock.Advance(by);
            var result = await sweep.RunAsync(TestContext.Current.CancellationToken);
            kinds.Add($"{result.Reminders}{result.AtRisk}{result.Overdue}{result.Escalations}");
        }

        await StepAsync(TimeSpan.FromHours(47));   // 25 h before due: nothing yet
        await StepAsync(TimeSpan.FromHours(1.5));  // 23.5 h before: the reminder
        await StepAsync(TimeSpan.FromHours(1));    // nothing new
        await StepAsync(TimeSpan.FromHours(22));   // 30 min before: at risk
        await StepAsync(TimeSpan.FromHours(1));    // overdue, escalated to the one manager
        await StepAsync(TimeSpan.FromDays(2));     // nothing twice

        Assert.Equal(["0000", "1000", "0000", "0100", "0011", "0000"], kinds);
        var notes = await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([NotificationKind.Reminder, NotificationKind.AtRisk, NotificationKind.Overdue, NotificationKind.Escalation], notes.Select(n => n.Kind));
        Assert.Equal(managerUser, notes[^1].RecipientUserId);
        Assert.All(notes, n => Assert.Equal(created.Value!.Id, n.CommitmentId));
        Assert.Equal(3, await new NotificationInbox(db, database.Clock).UnreadCountAsync(fixture.Giulia, TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_AfterDowntime_AnOverduePromiseGetsOneNoticeNotThree(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        await Books.CommitmentBook(db, database.Clock).CreateAsync(
            fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Call back", database.Clock.GetUtcNow().AddHours(5)), cancellationToken: TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromDays(1));

        var result = await new CommitmentSweep(db, database.Clock).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new CommitmentSweep.Result(0, 0, 1, 0), result);
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_DonePromise_IsNeverReminded(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var book = Books.CommitmentBook(db, database.Clock);
        var created = await book.CreateAsync(fixture.Giulia, new CommitmentInput(fixture.Nino, null, "Call back", database.Clock.GetUtcNow().AddHours(5)), cancellationToken: TestContext.Current.CancellationToken);
        await book.CompleteAsync(fixture.Giulia, created.Value!.Id, TestContext.Current.CancellationToken);
        database.Clock.Advance(TimeSpan.FromDays(1));

        await new CommitmentSweep(db, database.Clock).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await db.Notifications.CountAsync(TestContext.Current.CancellationToken));
    }

    /// Two instances of the program sweeping one PostgreSQL database at the same moment, many times over:
    /// every reminder must be notified exactly once.
    [Fact]
    public async Task RunAsync_TwoInstancesOnPostgres_EachReminderFiresOnce()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        var fixture = await CaseFixture.SeedAsync(database);
        var now = database.Clock.GetUtcNow();
        await using (var setup = database.NewContext())
        {
            for (var i = 0; i < 120; i++)
            {
                setup.Commitments.Add(CommitmentBook.New(fixture.Nino, null, fixture.GiuliaRep, $"Promise {i}", now.AddHours(30 + (i % 7)), CommitmentSource.Manual, now));
            }

            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        database.Clock.Advance(TimeSpan.FromHours(20));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = database.NewContext();
            return await new CommitmentSweep(db, database.Clock).RunAsync(TestContext.Current.CancellationToken);
        }));

        await using var check = database.NewContext();
        var perCommitment = await check.Notifications.GroupBy(n => n.CommitmentId).Select(g => g.Count()).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(120, results.Sum(r => r.Reminders));
        Assert.Equal(120, perCommitment.Count);
        Assert.All(perCommitment, count => Assert.Equal(1, count));
    }
}
