using CalmDesk.Customers;

namespace CalmDesk.Reps;

/// An account moving from one rep to another: when, who decided, why, and whether the new rep has introduced
/// themselves to the customer yet.
internal sealed class Reassignment
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// Null when the account had no rep before.
    public int? FromRepId { get; set; }

    public Rep? FromRep { get; set; }

    public int ToRepId { get; set; }

    public Rep? ToRep { get; set; }

    public DateTimeOffset At { get; set; }

    public string? ByUserId { get; set; }

    public string? Reason { get; set; }

    /// When the new rep's introduction went out (recorded as an outbound email in the timeline).
    public DateTimeOffset? IntroducedAt { get; set; }

    public long? InteractionId { get; set; }
}
