using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Boundaries;

public sealed class OpeningHoursTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static readonly EffectiveTerms WeekdaysEightToSix =
        EffectiveTerms.Merge(new Terms { OpenDays = "mon,tue,wed,thu,fri", OpensAt = new(8, 0), ClosesAt = new(18, 0) }, null);

    private static DateTimeOffset InRome(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    // Friday 17:30: half an hour left today, the rest from Monday's opening, ten open hours a day. A few hours are open
    // hours; more than an open day's hours but less than a day is one open day; a day is an open day (Monday 17:30, not
    // Wednesday 11:30 as 24 open hours would be), two days two, a week seven (Tuesday of the week after).
    [InlineData(1, 11, 9, 8, 30)]
    [InlineData(2, 11, 9, 9, 30)]
    [InlineData(8, 11, 9, 15, 30)]
    [InlineData(12, 11, 9, 17, 30)]
    [InlineData(24, 11, 9, 17, 30)]
    [InlineData(36, 11, 10, 12, 30)]
    [InlineData(48, 11, 10, 17, 30)]
    [InlineData(168, 11, 17, 17, 30)]
    public void PromiseDue_MadeOnAFridayEvening_FallsInsideOpeningHours(int hours, int month, int day, int hour, int minute)
    {
        var friday = InRome(11, 6, 17, 30);

        var due = OpeningHours.PromiseDue(friday, hours, WeekdaysEightToSix, Rome);

        Assert.Equal(InRome(month, day, hour, minute), due);
        // Stored times are UTC: PostgreSQL refuses any other offset.
        Assert.Equal(TimeSpan.Zero, due.Offset);
        var local = TimeZoneInfo.ConvertTime(due, Rome);
        Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(18));
        Assert.NotEqual(DayOfWeek.Saturday, local.DayOfWeek);
        Assert.NotEqual(DayOfWeek.Sunday, local.DayOfWeek);
    }

    [Fact]
    public void PromiseDue_ALongerPromise_IsNeverDueSooner_AndAgreesWithTheReplyClock()
    {
        var friday = InRome(11, 6, 17, 30);
        var terms = WeekdaysEightToSix with { ResponseHours = 24 };

        var dues = Enumerable.Range(1, 200).Select(h => OpeningHours.PromiseDue(friday, h, terms, Rome)).ToList();

        Assert.All(dues.Zip(dues.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
        Assert.All(Enumerable.Range(1, 7), days => Assert.True(dues[(24 * days) - 1] < dues[24 * days]));
        Assert.Equal(Mail.ResponseClock.DueAt(friday, terms, Rome), OpeningHours.PromiseDue(friday, 24, terms, Rome));
    }

    [Fact]
    public void PromiseDue_AcrossTheClockChange_KeepsTheLocalOpeningTimes()
    {
        // Friday 23 October 2026, 17:30 in Rome; clocks go back on Sunday 25 October.
        var friday = new DateTimeOffset(2026, 10, 23, 17, 30, 0, TimeSpan.FromHours(2));

        var due = OpeningHours.PromiseDue(friday, 2, WeekdaysEightToSix, Rome);

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 30, 0, TimeSpan.FromHours(1)), due);
    }

    [Fact]
    public void PromiseDue_WithoutOpeningHours_IsPlainHours()
    {
        var friday = InRome(11, 6, 17, 30);

        Assert.Equal(friday.AddHours(2), OpeningHours.PromiseDue(friday, 2, EffectiveTerms.Merge(null, null), Rome));
        Assert.Equal(friday.AddHours(48), OpeningHours.PromiseDue(friday, 48, EffectiveTerms.Merge(null, null), Rome));
    }

    [Theory]
    [InlineData(37, 45)]
    [InlineData(45, 45)]
    [InlineData(46, 60)]
    [InlineData(0, 0)]
    public void PromiseStart_IsTheNextQuarterOfAnHour(int minute, int startMinute)
    {
        var now = InRome(11, 6, 15, 0).AddMinutes(minute);

        var start = OpeningHours.PromiseStart(now);

        Assert.Equal(InRome(11, 6, 15, 0).AddMinutes(startMinute), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Theory]
    [AllDatabases]
    public async Task Guide_APromiseMadeAfterHours_IsDueWhenTheBusinessIsOpen(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        // 17:22: the promise counts from 17:30, so the customer is given a time a person would name.
        var (db, giulia, caseId, guide) = await CaseInRomeAsync(database, InRome(11, 6, 17, 22).AddSeconds(41), cancel);
        await using var _ = db;

        var saved = await guide.ProgressAsync(giulia, caseId,
            new GuideProgress([], null, null, null, null, GuideAction.Promise, "Richiamare con la data di consegna", PromiseHours: 2), cancel);

        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.SelectMany(e => e.Value)));
        var promise = await db.Commitments.AsNoTracking().SingleAsync(c => c.CaseId == caseId, cancel);
        Assert.Equal(InRome(11, 9, 9, 30), promise.DueAt);
    }

    /// A pause asked for in the night promises news counted from opening, as the promise beside it does: an hour's pause at
    /// 3:14 on a Friday is due at 9:00, not at 4:14 (the customer reads that time in the draft).
    [Theory]
    [AllDatabases]
    public async Task Guide_APauseAskedAtNight_IsDueAnHourAfterOpening(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var cancel = TestContext.Current.CancellationToken;
        var (db, giulia, caseId, guide) = await CaseInRomeAsync(database, InRome(11, 6, 3, 14), cancel);
        await using var _ = db;

        var pause = await guide.PauseAsync(giulia, caseId, 60, null, cancel);

        Assert.Equal(InRome(11, 6, 9, 0), pause.Value!.DueAt);
    }

    /// A business open 8:00 to 18:00 on weekdays in Rome, the clock at the given moment, and a case of Giulia's open then.
    private static async Task<(CalmDeskDbContext Db, Accounts.Viewer Giulia, int CaseId, CaseGuide Guide)> CaseInRomeAsync(
        TestDatabase database, DateTimeOffset at, CancellationToken cancel)
    {
        var fixture = await CaseFixture.SeedAsync(database);
        var db = database.NewContext();
        db.Terms.Add(new Terms { OpenDays = "mon,tue,wed,thu,fri", OpensAt = new(8, 0), ClosesAt = new(18, 0) });
        await db.SaveChangesAsync(cancel);
        database.Clock.SetUtcNow(at.ToUniversalTime());
        var created = await Books.CaseBook(database, db).CreateAsync(fixture.Giulia, fixture.Nino, "Consegna sbagliata", ["wrong_delivery"], null, cancel);
        return (db, fixture.Giulia, created.Value!.Id, Books.CaseGuide(database, db, business: Options.Create(new ReceivablesOptions { TimeZone = "Europe/Rome" })));
    }
}
