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
    // Friday 17:30: half an hour left today, the rest from Monday's opening.
    [InlineData(2, 11, 9, 9, 30)]
    // Within the day: counted in open hours only.
    [InlineData(1, 11, 9, 8, 30)]
    // A day or two: Saturday or Sunday, closed, so closing time on Monday; three days: Monday's; a week: next Friday's.
    [InlineData(24, 11, 9, 18, 0)]
    [InlineData(48, 11, 9, 18, 0)]
    [InlineData(72, 11, 9, 18, 0)]
    [InlineData(96, 11, 10, 18, 0)]
    [InlineData(168, 11, 13, 18, 0)]
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
    public void PromiseDue_WithoutOpeningHours_IsPlainHours()
    {
        var friday = InRome(11, 6, 17, 30);

        Assert.Equal(friday.AddHours(2), OpeningHours.PromiseDue(friday, 2, EffectiveTerms.Merge(null, null), Rome));
        Assert.Equal(friday.AddHours(48), OpeningHours.PromiseDue(friday, 48, EffectiveTerms.Merge(null, null), Rome));
    }

    [Theory]
    [AllDatabases]
    public async Task Guide_APromiseMadeAfterHours_IsDueWhenTheBusinessIsOpen(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var cancel = TestContext.Current.CancellationToken;
        db.Terms.Add(new Terms { OpenDays = "mon,tue,wed,thu,fri", OpensAt = new(8, 0), ClosesAt = new(18, 0) });
        await db.SaveChangesAsync(cancel);
        database.Clock.SetUtcNow(InRome(11, 6, 17, 30).ToUniversalTime());
        var created = await new CaseBook(db, database.Clock).CreateAsync(fixture.Giulia, fixture.Nino, "Consegna sbagliata", ["wrong_delivery"], null, cancel);
        var guide = new CaseGuide(db, database.Clock, business: Options.Create(new ReceivablesOptions { TimeZone = "Europe/Rome" }));

        var saved = await guide.ProgressAsync(fixture.Giulia, created.Value!.Id,
            new GuideProgress([], null, null, null, null, GuideAction.Promise, "Richiamare con la data di consegna", PromiseHours: 2), cancel);

        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.SelectMany(e => e.Value)));
        var promise = await db.Commitments.AsNoTracking().SingleAsync(c => c.CaseId == created.Value.Id, cancel);
        Assert.Equal(InRome(11, 9, 9, 30), promise.DueAt);
    }
}
