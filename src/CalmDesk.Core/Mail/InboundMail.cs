namespace CalmDesk.Mail;

/// <summary>
/// A fetched message that did not become an interaction by itself: from a sender nobody knows (waiting for a rep to link
/// it to a customer), or unreadable. Kept raw, with the reason, so nothing that arrives is lost.
/// </summary>
internal sealed class InboundMail
{
    /// Raw messages larger than this keep only their headers.
    public const int MaxRawBytes = 10 * 1024 * 1024;

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

    /// Why it is here, for a broken message ("not readable as mail: …").
    public string? Problem { get; set; }

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

    /// A rep decided it is not customer mail (a newsletter, spam).
    Dismissed,
}
