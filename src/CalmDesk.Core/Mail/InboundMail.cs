namespace CalmDesk.Mail;

/// <summary>
/// A fetched message that did not become an interaction by itself: from a sender nobody knows (waiting for a rep to link
/// it to a customer), or unreadable. Kept raw, with the reason, so nothing that arrives is lost.
/// </summary>
internal sealed class InboundMail
{
    public long Id { get; set; }

    public int MailboxId { get; set; }

    public Mailbox? Mailbox { get; set; }

    public long UidValidity { get; set; }

    public long Uid { get; set; }

    public string? MessageId { get; set; }

    public string? FromAddress { get; set; }

    public string? FromName { get; set; }

    public string? Subject { get; set; }

    /// The beginning of the text, to decide who it is from without opening the raw message.
    public string? Preview { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset FetchedAt { get; set; }

    public InboundMailState State { get; set; }

    /// Why it is here.
    public InboundReason Reason { get; set; }

    /// The detail behind the reason, when there is one ("It is 34.2 MB…", the server's bounce diagnostic).
    public string? Problem { get; set; }

    /// Who linked or dismissed it, and when.
    public string? HandledByUserId { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public byte[] Raw { get; set; } = [];

    /// The interaction it became once a rep linked it.
    public long? InteractionId { get; set; }

    public Interactions.Interaction? Interaction { get; set; }
}

internal enum InboundMailState
{
    /// From an address that is no contact's, and no reply to a conversation we know.
    Unmatched,

    /// Not readable as mail, or too large to store.
    Broken,

    /// A rep linked it to a customer: it is an interaction now.
    Linked,

    /// Not customer mail (a newsletter, spam, an out-of-office, a bounce): kept for the record, off the queue.
    Dismissed,
}

/// Why a fetched message is not (yet) on a customer's timeline.
internal enum InboundReason
{
    /// From an address that is no contact's, answering no conversation we know.
    UnknownSender,

    /// From an unknown address outside the customer's domain, quoting one of their conversations.
    StrangerInThread,

    /// Claims to come from one of our own addresses: from a rep's client it belongs in Sent, in the inbox it may be forged.
    OwnAddress,

    /// It has no From address.
    NoSender,

    /// Not readable as mail.
    Unreadable,

    /// Larger than a message may be, with no text we could keep.
    TooLarge,

    /// Its text or dates cannot be stored.
    Invalid,

    /// An out-of-office or other automatic answer.
    AutoReply,

    /// A delivery failure report; the mail it reports is marked as not delivered.
    Bounce,

    /// Storing it failed; the error says why.
    StoreFailed,
}
