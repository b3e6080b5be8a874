using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Reps;

namespace CalmDesk.Commitments;

/// A promise made to a customer: what, by when, who keeps it. The reminder times are stored so the background
/// sweep finds what is due with an index, and each *SentAt is claimed once, whichever instance gets there first.
internal sealed class Commitment : Data.IVersioned, Health.ICustomerRecord
{
    public const int MaxWhatLength = 500;

    public int Id { get; set; }

    /// Raised on every save; a concurrent save of the same version fails (<see cref="Data.IVersioned"/>).
    public int Version { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public int? CaseId { get; set; }

    public Case? Case { get; set; }

    public int OwnerRepId { get; set; }

    public Rep? Owner { get; set; }

    public required string What { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public CommitmentStatus Status { get; set; } = CommitmentStatus.Open;

    public CommitmentSource Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset RemindAt { get; set; }

    public DateTimeOffset AtRiskAt { get; set; }

    public DateTimeOffset? ReminderSentAt { get; set; }

    public DateTimeOffset? AtRiskSentAt { get; set; }

    public DateTimeOffset? OverdueSentAt { get; set; }

    public List<CommitmentChange> History { get; set; } = [];

    /// Sets the due time and the reminder times that follow from it, and re-arms the reminders.
    public void Schedule(DateTimeOffset dueAt, DateTimeOffset from)
    {
        DueAt = dueAt;
        (RemindAt, AtRiskAt) = CommitmentSchedule.For(from, dueAt);
        ReminderSentAt = null;
        AtRiskSentAt = null;
        OverdueSentAt = null;
    }
}
