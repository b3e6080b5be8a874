namespace CalmDesk.Notifications;

/// An in-app message to one user. The text is rendered when read, in the reader's language, from the kind and subject.
internal sealed class Notification
{
    public long Id { get; set; }

    public required string RecipientUserId { get; set; }

    public NotificationKind Kind { get; set; }

    public int? CommitmentId { get; set; }

    public int? CaseId { get; set; }

    public int? CustomerId { get; set; }

    /// What it is about, e.g. the promise ("Call back with the delivery date").
    public required string Subject { get; set; }

    /// The company concerned, shown beside the subject.
    public string? Company { get; set; }

    /// The owner's name, for escalations to a manager.
    public string? OwnerName { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}
