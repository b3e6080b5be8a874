using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// <summary>
/// Turns one e-mail into an interaction of the right customer and conversation, for the mailbox fetcher and the
/// .eml/.mbox import alike. Message-ID is its key; In-Reply-To and References put a reply into the conversation (and
/// the case) it answers; the subject decides only when both headers are missing. Fetched mail (own addresses given) is
/// read with suspicion: mail claiming to come from us, or a stranger quoting a conversation, waits for a rep.
/// </summary>
internal sealed class MailReader(CalmDeskDbContext db, CustomerMatcher matcher, IReadOnlySet<string>? ownAddresses = null)
{
    private bool Fetched => ownAddresses is not null;

    /// The interaction's key: the Message-ID in angle brackets, or a hash of the content when it has none.
    public static string ExternalIdOf(MimeMessage message, string? body, string from) =>
        string.IsNullOrWhiteSpace(message.MessageId)
            ? InteractionLog.ContentId("mail", from, message.Headers[HeaderId.Date], message.Subject, body)
            : Bracket(message.MessageId);

    public static string Bracket(string messageId) => "<" + messageId.Trim().Trim('<', '>') + ">";

    /// The text of the message: its plain part, or its HTML part as text; without NUL characters no database stores.
    public static string? BodyOf(MimeMessage message) =>
        Clean(message.TextBody ?? (message.HtmlBody is { } html ? HtmlToText.Convert(html) : null));

    /// Reads the message; the interaction is not added (the caller passes it to <see cref="MessageIntake"/>). With a
    /// customer id (a rep linking unmatched mail) it is that customer's, whoever sent it; otherwise the sender's address
    /// or the conversation it answers decides.
    public async Task<MailReading> ReadAsync(MimeMessage message, DateTimeOffset now, int? mailboxId, CancellationToken cancellationToken, int? customerId = null)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null)
        {
            return MailReading.Refused(InboundReason.NoSender, StoredText.Write("It has no From address, so it cannot be attributed."));
        }

        var body = BodyOf(message);
        var externalId = ExternalIdOf(message, body, from.Address);
        if (await db.Interactions.AnyAsync(i => i.ExternalId == externalId, cancellationToken))
        {
            return MailReading.Known(externalId);
        }

        if (Fetched && customerId is null)
        {
            var bounced = BouncedIds(message);
            if (bounced.Count > 0 && OnlyOwnCopyFailed(message, ownAddresses))
            {
                // Our own copy did not arrive; the customer's did. Set aside like an automatic message.
                return new MailReading(MailReadingKind.Automatic, null, externalId, InboundReason.Bounce, Diagnostic(message));
            }

            if (bounced.Count > 0)
            {
                return new MailReading(MailReadingKind.Bounce, null, externalId, InboundReason.Bounce, Diagnostic(message)) { Bounced = bounced };
            }

            if (IsAutomatic(message))
            {
                return new MailReading(MailReadingKind.Automatic, null, externalId, InboundReason.AutoReply, null);
            }
        }

        var thread = await ThreadAsync(message, cancellationToken);
        var ours = matcher.RepByEmail(from.Address) is not null || (ownAddresses?.Contains(from.Address) ?? false);
        if (ours && Fetched && customerId is null)
        {
            // Our own people write from their own mail client; mail in the inbox that claims to be ours may be forged.
            return MailReading.Unmatched(externalId, InboundReason.OwnAddress, null);
        }

        var direction = Direction.Inbound;
        var contact = ours ? null : matcher.ByContactEmail(from.Address);
        var customer = customerId ?? contact?.CustomerId;
        if (customerId is not null && contact?.CustomerId != customerId)
        {
            contact = null;
        }

        if (customer is null && (ours || thread is null))
        {
            // Our own mail (a rep's copy, a message sent outside CalmDesk) is outbound, to the contact it went to.
            var recipient = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
                .Select(m => matcher.ByContactEmail(m.Address))
                .FirstOrDefault(c => c is not null);
            if (recipient is not null)
            {
                direction = Direction.Outbound;
                contact = recipient;
                customer = recipient.Value.CustomerId;
            }
        }

        if (customer is null && thread is not null && !ours)
        {
            // A colleague of the customer answering from an address we do not know yet: believed when they write from
            // the customer's own domain; anyone else who quotes the conversation waits for a rep.
            if (!matcher.HasContactAtDomain(thread.CustomerId, from.Domain))
            {
                return MailReading.Unmatched(externalId, InboundReason.StrangerInThread, null);
            }

            customer = thread.CustomerId;
        }

        if (customer is null)
        {
            return MailReading.Unmatched(externalId, InboundReason.UnknownSender, StoredText.Write(
                "Neither the sender {0} nor the recipients ({1}) are a known contact, and it answers no conversation CalmDesk knows.",
                from.Address, string.Join(", ", message.To.Mailboxes.Select(m => m.Address))));
        }

        var author = direction == Direction.Inbound
            ? (string.IsNullOrWhiteSpace(from.Name) ? contact?.Name ?? from.Address : from.Name)
            : from.Name;
        // A date in the future (a wrong clock) is replaced by now; an old one is kept, as an archive's messages are old.
        DateTimeOffset? date = message.Headers.Contains(HeaderId.Date) && message.Date <= now.AddHours(1) ? message.Date : null;
        var input = new InteractionInput(
            nameof(Channel.Email), direction.ToString(), date, Excerpts.Fit(Clean(message.Subject) ?? "", 300),
            string.IsNullOrWhiteSpace(body) ? Messages.Get("(no text)") : Excerpts.Fit(body, Interaction.MaxBodyLength),
            null, contact?.ContactId, Excerpts.Fit(Clean(author) ?? "", 200), externalId);
        var errors = input.Validate(now);
        if (errors.Count > 0)
        {
            return MailReading.Refused(InboundReason.Invalid, string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var interaction = input.ToInteraction(customer.Value, now, externalId);
        interaction.MailboxId = mailboxId;
        if (direction == Direction.Outbound && matcher.RepByEmail(from.Address) is { } rep)
        {
            interaction.AuthorRepId = rep.RepId;
            interaction.AuthorName = rep.Name;
        }

        await JoinCaseAsync(interaction, thread, HasThreadHeaders(message), cancellationToken);
        return new MailReading(MailReadingKind.Interaction, interaction, externalId, null, null);
    }

    /// An out-of-office or other automatic answer (RFC 3834 and the headers common clients use instead).
    public static bool IsAutomatic(MimeMessage message) =>
        message.Headers[HeaderId.AutoSubmitted] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)
        || message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond")
        || message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk" or "list";

    /// The Message-IDs a delivery failure report says could not be delivered (from its headers and the returned message).
    public static List<string> BouncedIds(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.LocalPart.ToLowerInvariant();
        var isReport = message.Body is MultipartReport { ReportType: { } type } && type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase);
        if (!isReport && from is not ("mailer-daemon" or "postmaster"))
        {
            return [];
        }

        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo))
        {
            ids.Add(message.InReplyTo);
        }

        ids.AddRange(message.References);
        foreach (var part in message.BodyParts)
        {
            var headers = part switch
            {
                MessagePart { Message: { } returned } => returned.Headers,
                TextRfc822Headers rfc822 => rfc822.Message?.Headers,
                _ => null,
            };
            if (headers?[HeaderId.MessageId] is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids.Select(id => id.Trim().Trim('<', '>')).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// Whether the report names failed recipients and all of them are our own mailboxes: the copy of a message we sent to
    /// ourselves did not arrive (the mailbox is full), while the customer's did. That is no bounce of the customer's mail.
    internal static bool OnlyOwnCopyFailed(MimeMessage message, IReadOnlySet<string>? ownAddresses)
    {
        var failed = message.BodyParts.OfType<MessageDeliveryStatus>()
            .SelectMany(status => status.StatusGroups.Skip(1))
            .Where(group => group["Action"] is not { } action || action.Trim().Equals("failed", StringComparison.OrdinalIgnoreCase))
            .Where(group => group.Count > 0) // a parsed report may end with an empty group
            .Select(group => (group["Final-Recipient"] ?? group["Original-Recipient"])?.Split(';', 2) is [_, var address] ? address.Trim() : null)
            .ToList();
        return ownAddresses is not null && failed.Count > 0
            && failed.All(address => address is not null && ownAddresses.Any(own => string.Equals(own, address, StringComparison.OrdinalIgnoreCase)));
    }

    private static string? Diagnostic(MimeMessage message)
    {
        foreach (var status in message.BodyParts.OfType<MessageDeliveryStatus>())
        {
            foreach (var group in status.StatusGroups.Skip(1))
            {
                if ((group["Diagnostic-Code"] ?? group["Status"]) is { } diagnostic)
                {
                    return Excerpts.Fit(diagnostic.Trim(), 500);
                }
            }
        }

        return Excerpts.Fit(Clean(message.Subject) ?? "", 500);
    }

    /// The text without NUL characters, which PostgreSQL refuses to store.
    public static string? Clean(string? text) => text?.Replace("\0", "", StringComparison.Ordinal);

    private static bool HasThreadHeaders(MimeMessage message) =>
        !string.IsNullOrWhiteSpace(message.InReplyTo) || message.References.Count > 0;

    /// The newest interaction the message answers, by In-Reply-To and References.
    private async Task<Thread?> ThreadAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var ids = message.References.Append(message.InReplyTo)
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Select(id => Bracket(id!))
            .Distinct(StringComparer.Ordinal)
            .TakeLast(50)
            .ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        return await db.Interactions.AsNoTracking()
            .Where(i => ids.Contains(i.ExternalId))
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => new Thread(i.CustomerId, i.CaseId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// A reply joins the case of the message it answers while that case is open (a merged case's survivor); a customer
    /// answering after our latest message puts the case back on us. Without thread headers, an open case with the same title does.
    private async Task JoinCaseAsync(Interaction interaction, Thread? thread, bool hasHeaders, CancellationToken cancellationToken)
    {
        Case? target = null;
        if (thread is { CaseId: { } caseId } && thread.CustomerId == interaction.CustomerId)
        {
            target = await db.Cases.FindAsync([caseId], cancellationToken);
            for (var hops = 0; target?.MergedIntoId is { } into && hops < 10; hops++)
            {
                target = await db.Cases.FindAsync([into], cancellationToken);
            }
        }
        else if (!hasHeaders && interaction.Subject is not null)
        {
            var title = CaseTriage.TitleFor(interaction);
            target = await db.Cases
                .Where(Case.Active).Where(c => c.CustomerId == interaction.CustomerId && c.Title == title)
                .OrderByDescending(c => c.UpdatedAt)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (target is not { IsActive: true })
        {
            return;
        }

        interaction.CaseId = target.Id;
        if (interaction.Direction != Direction.Inbound)
        {
            return;
        }

        var lastOurs = await db.Interactions.Where(i => i.CaseId == target.Id && i.Direction == Direction.Outbound)
            .MaxAsync(i => (DateTimeOffset?)i.OccurredAt, cancellationToken);
        if (target.Status == CaseStatus.WaitingOnCustomer && (lastOurs is null || interaction.OccurredAt > lastOurs))
        {
            target.Status = CaseStatus.WaitingOnUs;
        }

        if (interaction.OccurredAt > target.UpdatedAt)
        {
            target.UpdatedAt = interaction.OccurredAt;
        }
    }

    private sealed record Thread(int CustomerId, int? CaseId);
}

/// What <see cref="MailReader"/> made of a message.
internal enum MailReadingKind
{
    /// A new interaction, to pass to <see cref="MessageIntake"/>.
    Interaction,

    /// Already stored (same Message-ID).
    Duplicate,

    /// From nobody known: waits for a rep in the unmatched queue.
    Unmatched,

    /// Not usable as an interaction (no sender, invalid).
    Refused,

    /// An out-of-office or other automatic answer: kept, not shown as the customer's words.
    Automatic,

    /// A delivery failure report about mail we sent.
    Bounce,
}

internal sealed record MailReading(MailReadingKind Kind, Interaction? Interaction, string? ExternalId, InboundReason? Reason, string? Problem)
{
    /// For a bounce: the Message-IDs (without brackets) it reports as undelivered.
    public IReadOnlyList<string> Bounced { get; init; } = [];

    public static MailReading Known(string externalId) => new(MailReadingKind.Duplicate, null, externalId, null, null);

    public static MailReading Unmatched(string externalId, InboundReason reason, string? problem) => new(MailReadingKind.Unmatched, null, externalId, reason, problem);

    public static MailReading Refused(InboundReason reason, string problem) => new(MailReadingKind.Refused, null, null, reason, problem);
}
