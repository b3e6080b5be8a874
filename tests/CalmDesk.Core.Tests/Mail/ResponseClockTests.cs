using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

public sealed class ResponseClockTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static EffectiveTerms Terms(int? hours, string? days = "mon,tue,wed,thu,fri", TimeOnly? opens = null, TimeOnly? closes = null) =>
        EffectiveTerms.Merge(new Terms { ResponseHours = hours, OpenDays = days, OpensAt = opens, ClosesAt = closes }, null);

    [Fact]
    public void DueAt_CountsOnlyBusinessHours_AcrossTheWeekendInTheBusinessTimeZone()
    {
        // Friday 16:00 in Rome, a response within 24 hours where a day is 9 open hours: one open day, 1 hour on Friday and 8
        // on Monday (not 24 open hours, which would run to Wednesday); 4 hours asked on Saturday are Monday 8:00 to 12:00.
        var friday = new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.FromHours(1));

        var due = ResponseClock.DueAt(friday, Terms(24, opens: new(8, 0), closes: new(17, 0)), Rome);
        var saturday = ResponseClock.DueAt(friday.AddDays(1), Terms(4, opens: new(8, 0), closes: new(17, 0)), Rome);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 16, 0, 0, TimeSpan.FromHours(1)), due);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.FromHours(1)), saturday);
        Assert.Equal(friday.AddHours(24), ResponseClock.DueAt(friday, Terms(24), Rome));
        Assert.Null(ResponseClock.DueAt(friday, Terms(null, opens: new(8, 0), closes: new(17, 0)), Rome));
    }

    [Theory]
    [AllDatabases]
    public async Task Sweep_TellsTheOwnerAndTheManagersOnce_WhenAReplyIsOverdue(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("manager@ourco.example", Roles.Manager);
        await using var db = database.NewContext();
        db.Terms.Add(new Terms { ResponseHours = 24, OpenDays = "mon,tue,wed,thu,fri", OpensAt = new(8, 0), ClosesAt = new(17, 0), UpdatedAt = database.Clock.GetUtcNow() });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Books.InteractionLog(db, database.Clock).AddAsync(fixture.Giulia, fixture.Nino, new InteractionInput(
            "email", "inbound", new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.FromHours(1)), "Preventivo", "Buongiorno, mi mandate il preventivo per il nuovo locale?"),
            TestContext.Current.CancellationToken);
        // Weeks overdue already when the sweep first looks: shown in the inbox, not notified.
        await Books.InteractionLog(db, database.Clock).AddAsync(fixture.James, fixture.Harbour, new InteractionInput(
            "email", "inbound", new DateTimeOffset(2026, 10, 12, 9, 0, 0, TimeSpan.Zero), "Catalogue", "Could you send the new catalogue?"),
            TestContext.Current.CancellationToken);
        var options = Microsoft.Extensions.Options.Options.Create(new ReceivablesOptions { TimeZone = "Europe/Rome" });
        var inbox = Books.InboxBook(database, db, options);

        var early = (await inbox.WaitingAsync(fixture.Giulia, mineOnly: true, TestContext.Current.CancellationToken)).Single();
        var old = (await inbox.WaitingAsync(fixture.James, mineOnly: true, TestContext.Current.CancellationToken)).Single();
        var quiet = await inbox.SweepAsync(TestContext.Current.CancellationToken);
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 12, 30, 0, TimeSpan.Zero));
        var told = await inbox.SweepAsync(TestContext.Current.CancellationToken);
        var again = await inbox.SweepAsync(TestContext.Current.CancellationToken);

        // Friday 16:00 in Rome, a response within 24 hours: one open day (nine hours), Monday 16:00 in Rome.
        Assert.Equal((new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), false, true), (early.DueAt, early.Overdue, early.First));
        Assert.True(old.Overdue);
        Assert.Equal((0, 1, 0), (quiet, told, again));
        var notified = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.ReplyOverdue).Select(n => n.RecipientUserId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { fixture.Giulia.UserId, managerUser }.Order(), notified.Order());

        // Giulia answers: the notices asking for that answer are no longer waiting, hers or the manager's.
        await Books.InteractionLog(db, database.Clock).AddAsync(fixture.Giulia, fixture.Nino, new InteractionInput(
            "email", "outbound", null, "Re: Preventivo", "Buongiorno, eccolo in allegato."), TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.ReplyOverdue && n.ReadAt == null, TestContext.Current.CancellationToken));
    }
}
