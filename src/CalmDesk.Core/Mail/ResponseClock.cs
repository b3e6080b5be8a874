using CalmDesk.Boundaries;

namespace CalmDesk.Mail;

/// <summary>
/// When our reply is due: the written response time (the customer's terms, or the organisation's) counted in business
/// hours (<see cref="OpeningHours.AddOpenTime"/>). Without opening hours the clock runs around the week; without a
/// response time there is no clock.
/// </summary>
internal static class ResponseClock
{
    public static DateTimeOffset? DueAt(DateTimeOffset since, EffectiveTerms terms, TimeZoneInfo zone) =>
        terms.ResponseHours is { } hours and > 0 ? OpeningHours.AddOpenTime(since, TimeSpan.FromHours(hours), terms, zone) : null;
}
