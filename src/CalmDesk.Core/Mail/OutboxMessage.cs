namespace CalmDesk.Mail;

/// <summary>
/// One e-mail the product sends, queued with everything the customer's client needs to thread it. A sender claims it,
/// delivers it and records the result; a failure is retried with back-off and finally reported to its author.
/// </summary>
internal sealed class OutboxMessage
{
    public const int MaxAttempts = 6;

    public long Id { get; set; }

    /// The interaction it is: the reply, notice or letter on the customer's timeline.
    public long InteractionId { get; set; }

    public Interactions.Interaction? Interaction { get; set; }

    public int MailboxId { get; set; }

    public Mailbox? Mailbox { get; set; }

    public required string ToAddress { get; set; }

    public string? ToName { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string HtmlBody { get; set; }

    /// Without angle brackets; the interaction's external id is the same in brackets, so the answer threads back to it.
    public required string MessageId { get; set; }

    public string? InReplyTo { get; set; }

    /// Earlier messages of the conversation, space-separated, in brackets.
    public string? References { get; set; }

    /// The customer's language, sent as Content-Language.
    public string? Language { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// The sender instance holding it and until when; another takes it over only after that.
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}

internal enum OutboxStatus
{
    Queued,
    Sent,
    Failed,
}
