using CalmDesk.Boundaries;

namespace CalmDesk.Mail;

/// <summary>
/// When our reply is due: the written response time (the customer's terms, or the organisation's) counted while the
/// business is open, as a promise in the live guide counts it (<see cref="OpeningHours.PromiseDue"/>: a few hours are open
/// hours, 24 hours an open day). Without opening hours the clock runs around the week; without a response time there is
/// no clock.
/// </summary>
internal static class ResponseClock
{
    public static DateTimeOffset? DueAt(DateTimeOffset since, EffectiveTerms terms, TimeZoneInfo zone) =>
        terms.ResponseHours is { } hours and > 0 ? OpeningHours.PromiseDue(since, hours, terms, zone) : null;
}
