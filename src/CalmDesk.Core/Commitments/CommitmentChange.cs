namespace CalmDesk.Commitments;

internal enum CommitmentChangeKind
{
    Created,
    Delayed,
    Done,
    Cancelled,

    /// Made sooner: an angry reply turned a routine follow-up into a call-back.
    BroughtForward,

    /// Moved to another rep with the account (Reason holds the previous owner's name).
    Reassigned,
}

/// One line of a promise's history: a delay keeps both dates, the reason and the notice the customer was sent.
internal sealed class CommitmentChange
{
    public int Id { get; set; }

    public int CommitmentId { get; set; }

    public CommitmentChangeKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTimeOffset? PreviousDueAt { get; set; }

    public DateTimeOffset? NewDueAt { get; set; }

    public string? Reason { get; set; }

    public string? Notice { get; set; }

    public int? ByRepId { get; set; }
}
