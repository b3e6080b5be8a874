using CalmDesk.Customers;

namespace CalmDesk.Receivables;

internal enum CollectionStepKind
{
    /// A light reminder soon after the due date; may carry the early-payment offer.
    Friendly,

    /// An impersonal notice: the account is overdue.
    Notice,

    /// A copy of the invoice, sent again.
    Copy,

    /// A task for the rep: call the customer.
    Call,
}

internal enum CollectionActionStatus
{
    /// Drafted and waiting for the rep.
    Pending,

    /// Sent (or, for a call, done) by the rep.
    Done,

    /// A later step was already due when this one came up, or the rep set it aside.
    Skipped,
}

/// One step of the collection plan for one invoice. The unique (invoice, step) key is what makes a step fire once,
/// however many sweeps run: the second insert fails.
internal sealed class CollectionAction
{
    public int Id { get; set; }

    public int InvoiceId { get; set; }

    public Invoice? Invoice { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// The plan step's key, e.g. "friendly" or "copy-60".
    public required string Step { get; set; }

    public CollectionStepKind Kind { get; set; }

    public CollectionActionStatus Status { get; set; }

    /// How many days overdue the invoice was when the step fired.
    public int DaysOverdue { get; set; }

    public string Language { get; set; } = "en";

    public string Subject { get; set; } = "";

    /// The drafted message (or, for a call, the talking points), in the customer's language.
    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public int? DoneByRepId { get; set; }

    /// The outbound interaction recorded when the message was sent.
    public long? InteractionId { get; set; }
}
