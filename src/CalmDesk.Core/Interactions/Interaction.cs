using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Reps;

namespace CalmDesk.Interactions;

/// One email, call, chat, meeting or note in a customer's history.
internal sealed class Interaction : Search.ISearchable, Health.ICustomerRecord
{
    private static readonly string[] Searched = [nameof(Subject), nameof(Body)];

    public const int MaxBodyLength = 200_000;

    public long Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public int? ContactId { get; set; }

    public Contact? Contact { get; set; }

    /// The case it belongs to, if it is about a problem being handled.
    public int? CaseId { get; set; }

    public Case? Case { get; set; }

    public Channel Channel { get; set; }

    public Direction Direction { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string? Subject { get; set; }

    public string Body { get; set; } = "";

    public int? MinutesSpent { get; set; }

    /// The rep who wrote or logged it, when it came from our side.
    public int? AuthorRepId { get; set; }

    public Rep? AuthorRep { get; set; }

    /// Who wrote it as shown to people: a contact's name for inbound mail, the rep's otherwise.
    public string? AuthorName { get; set; }

    /// Message-ID or the source system's id; unique, so a re-import is a no-op.
    public required string ExternalId { get; set; }

    /// When the retention rule blanked the text (RetentionSweep); the reading of it (scores, labels) stays.
    public DateTimeOffset? BodyErasedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// What CalmDesk understood of the text; null until analysed.
    public MessageAnalysis? Analysis { get; set; }

    /// The connected mailbox it arrived in or was sent from, if any.
    public int? MailboxId { get; set; }

    /// For mail the product sends: whether it went out. Null for what was only logged or imported.
    public Delivery? Delivery { get; set; }

    /// The files that came with it (mail).
    public List<Mail.Attachment> Attachments { get; } = [];

    /// The anger level a rep or manager set by hand, when the analysis got it wrong; shown instead of the analysis's.
    public AngerLevel? AngerCorrected { get; set; }

    /// Subject and text as <see cref="Customers.SearchText.Key"/> spells them, for the global search.
    public string? SearchKey { get; private set; }

    public IReadOnlyList<string> SearchedProperties => Searched;

    public void RefreshSearchKey() => SearchKey = Customers.SearchText.Key(Subject is null ? Body : Subject + "\n" + Body);
}

/// What happened to mail the product sent.
internal enum Delivery
{
    /// No mailbox that sends is connected (or the contact has no address): recorded in CalmDesk, not sent.
    RecordedOnly,

    /// Waiting in the outbox.
    Queued,

    /// Accepted by the mailbox's SMTP server.
    Sent,

    /// The server refused it, or every retry failed.
    Failed,
}
