namespace CalmDesk.Commitments;

internal sealed record CommitmentView(
    int Id,
    int CustomerId,
    string Company,
    int? CaseId,
    string? CaseTitle,
    int OwnerRepId,
    string OwnerName,
    string What,
    DateTimeOffset DueAt,
    DateTimeOffset RemindAt,
    DateTimeOffset AtRiskAt,
    CommitmentStatus Status,
    CommitmentState State,
    CommitmentSource Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<CommitmentChangeView> History)
{
    /// After a delay: how its notice to the customer went out (queued in a connected mailbox's outbox, or only
    /// recorded because no mailbox sends or the contact has no address). Null otherwise.
    public Interactions.Delivery? NoticeDelivery { get; init; }
}

internal sealed record CommitmentChangeView(
    CommitmentChangeKind Kind, DateTimeOffset At, DateTimeOffset? PreviousDueAt, DateTimeOffset? NewDueAt, string? Reason, string? Notice);
