using CalmDesk.Customers;

namespace CalmDesk.Offboarding;

internal enum LetGoReason
{
    /// Abuse of our people: the letter says so, directly.
    Abuse,

    /// Asked to do what we will not do: direct.
    Ethics,

    /// We cannot serve the account well: discreet.
    Capacity,

    /// The account does not fit what we do: discreet.
    Fit,
}

internal enum OffboardingStatus
{
    Open,
    LetterIssued,
    Cancelled,
}

/// A competitor a manager is willing to recommend to a customer we let go.
internal sealed class Competitor
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// What they are good for, for the manager's eyes ("small restaurants in Milan").
    public string? Note { get; set; }

    public bool IsActive { get; set; } = true;
}

/// Letting one customer go, as a last resort and on evidence: the checklist that must be answered first, a manager's
/// approval, then the letter in the customer's language and the non-renewal date, and the tasks that close the account.
/// Every step is in the audit trail.
internal sealed class CustomerOffboarding : Data.IVersioned
{
    public const int MaxNoteLength = 1000;

    public int Id { get; set; }

    /// Raised on every save; a concurrent save of the same version fails (<see cref="Data.IVersioned"/>).
    public int Version { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public LetGoReason Reason { get; set; }

    public OffboardingStatus Status { get; set; }

    public bool FactsVerified { get; set; }

    public bool RulesExplained { get; set; }

    public bool EducationTried { get; set; }

    public bool MoneyWeighed { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? ApprovedByUserId { get; set; }

    public DateOnly NonRenewalOn { get; set; }

    /// Comma-separated competitor ids recommended in the letter (none, one or two).
    public string Referrals { get; set; } = "";

    public string? LetterLanguage { get; set; }

    public string? LetterSubject { get; set; }

    public string? LetterBody { get; set; }

    public DateTimeOffset? LetterIssuedAt { get; set; }

    public bool FinalInvoiceDone { get; set; }

    public bool OpenOrdersDone { get; set; }

    public bool DataReturnedDone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public List<OffboardingEvent> Events { get; set; } = [];

    public bool ChecklistComplete => FactsVerified && RulesExplained && EducationTried && MoneyWeighed;

    public bool Direct => Reason is LetGoReason.Abuse or LetGoReason.Ethics;
}

/// One line of the audit trail: who did what, when, with their note.
internal sealed class OffboardingEvent
{
    public int Id { get; set; }

    public int OffboardingId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    /// e.g. "started", "facts_verified", "approved", "letter_issued", "task_final_invoice".
    public required string What { get; set; }

    public string? Note { get; set; }
}
