using CalmDesk.Customers;

namespace CalmDesk.Reps;

internal enum HandoverReason
{
    /// The customer crossed the assigned rep's tolerance.
    Tolerance,

    /// The rep asked.
    Requested,
}

internal enum HandoverStatus
{
    Pending,
    Approved,
    Declined,
}

/// Moving an account to a colleague, waiting for a manager: why, to whom (the suggested colleague, whose tolerance and
/// workload fit), and the hand-over note with the history. Approval reassigns the account, which prompts the new
/// rep's introduction.
internal sealed class Handover : Data.IVersioned
{
    public const int MaxTextLength = 4000;

    public int Id { get; set; }

    /// Raised on every save; a concurrent save of the same version fails (<see cref="Data.IVersioned"/>).
    public int Version { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public int FromRepId { get; set; }

    public Rep? FromRep { get; set; }

    public int? ToRepId { get; set; }

    public Rep? ToRep { get; set; }

    public HandoverReason Reason { get; set; }

    /// Why, in words: the incidents that crossed the line, or what the rep wrote.
    public string Explanation { get; set; } = "";

    /// For the colleague: the account's history in short.
    public string Note { get; set; } = "";

    public HandoverStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? RequestedByUserId { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedByUserId { get; set; }
}
