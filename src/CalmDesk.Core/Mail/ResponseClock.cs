using CalmDesk.Boundaries;

namespace CalmDesk.Mail;

/// <summary>
/// When our reply is due: the written response time (the customer's terms, or the organisation's) counted in business
/// hours, the open days and opening hours of the same terms in the business's time zone. Without opening hours the
/// clock runs around the week; without a response time there is no clock.
/// </summary>
internal static class ResponseClock
{
    public static DateTimeOffset? DueAt(DateTimeOffset since, EffectiveTerms terms, TimeZoneInfo zone)
    {
        if (terms.ResponseHours is not { } hours || hours <= 0)
        {
            return null;
        }

        if (terms is not { OpensAt: { } opens, ClosesAt: { } closes } || closes <= opens)
        {
            return since.AddHours(hours);
        }

        var openDays = terms.OpenDays is { Count: > 0 } days ? days : Enum.GetValues<DayOfWeek>();
        var left = TimeSpan.FromHours(hours);
        var local = TimeZoneInfo.ConvertTime(since, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
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

        return since.AddHours(hours);
    }

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
