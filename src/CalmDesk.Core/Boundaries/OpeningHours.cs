namespace CalmDesk.Boundaries;

/// <summary>Time as the business keeps it: the open days and opening hours of the written terms (the customer's, or the
/// organisation's), in the business's time zone. Without opening hours every hour of the week counts.</summary>
internal static class OpeningHours
{
    /// <summary><paramref name="span"/> counted only while the business is open: four hours asked at 17:00 of a shop
    /// that closes at 18:00 and opens at 8:00 end at 11:00 the next open day. In UTC, as every stored time.</summary>
    public static DateTimeOffset AddOpenTime(DateTimeOffset since, TimeSpan span, EffectiveTerms terms, TimeZoneInfo zone) =>
        OpenTime(since, span, terms, zone).ToUniversalTime();

    private static DateTimeOffset OpenTime(DateTimeOffset since, TimeSpan span, EffectiveTerms terms, TimeZoneInfo zone)
    {
        if (terms is not { OpensAt: { } opens, ClosesAt: { } closes } || closes <= opens)
        {
            return since + span;
        }

        var openDays = OpenDays(terms);
        var left = span;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime);
        // A year of closed days is a misconfiguration, not a reason to loop for ever.
        for (var guard = 0; guard < 400; guard++, day = day.AddDays(1))
        {
            if (!openDays.Contains(day.DayOfWeek))
            {
                continue;
            }

            var start = At(day, opens, zone);
            var end = At(day, closes, zone);
            if (start < since)
            {
                start = since;
            }

            if (end <= start)
            {
                continue;
            }

            if (end - start >= left)
            {
                return start + left;
            }

            left -= end - start;
        }

        return since + span;
    }

    /// <summary>When a promise made now "within <paramref name="hours"/> hours" falls due, or a reply promised within that
    /// many hours by the written terms (<see cref="Mail.ResponseClock"/>), so the guide and the inbox agree. Counted while
    /// the business is open, as a person means it: a few hours are open hours ("within 2 hours" at 17:30 of a shop closing
    /// at 18:00 is 9:30 the next open morning); a day is an open day, two days two open days ("within a day" on a Sunday
    /// afternoon is Monday's closing time, not Wednesday's lunch, as 24 open hours of a ten-hour day would make it);
    /// between the two, one open day. A longer promise is never due sooner.</summary>
    public static DateTimeOffset PromiseDue(DateTimeOffset since, int hours, EffectiveTerms terms, TimeZoneInfo zone) =>
        AddOpenTime(since, OpenDay(terms) is { } day ? OpenSpan(hours, day) : TimeSpan.FromHours(hours), terms, zone);

    /// <summary>How long an open day lasts under these terms; null where the business keeps no opening hours (every hour
    /// of the week counts).</summary>
    public static TimeSpan? OpenDay(EffectiveTerms terms) =>
        terms is { OpensAt: { } opens, ClosesAt: { } closes } && closes > opens ? closes - opens : null;

    /// <summary>How much open time "<paramref name="hours"/> hours" means where an open day lasts <paramref name="day"/>.</summary>
    private static TimeSpan OpenSpan(int hours, TimeSpan day) =>
        hours <= day.TotalHours ? TimeSpan.FromHours(hours)
        : hours < 24 ? day
        : day * (hours / 24.0);

    /// <summary>The moment a promise given now starts counting from: the next quarter of an hour, so the time the customer
    /// is given reads as one a person would name ("by 16:00", not "by 15:37").</summary>
    public static DateTimeOffset PromiseStart(DateTimeOffset now)
    {
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        var utc = now.ToUniversalTime();
        var over = utc.Ticks % quarter;
        return over == 0 ? utc : utc.AddTicks(quarter - over);
    }

    private static IReadOnlyList<DayOfWeek> OpenDays(EffectiveTerms terms) =>
        terms.OpenDays is { Count: > 0 } days ? days : Enum.GetValues<DayOfWeek>();

    private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        // A time skipped by a clock change is taken an hour later.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
