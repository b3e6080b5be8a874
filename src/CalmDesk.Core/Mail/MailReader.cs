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
/// the case) it answers; the subject decides only when both headers are missing.
/// </summary>
internal sealed class MailReader(CalmDeskDbContext db, CustomerMatcher matcher, IReadOnlySet<string>? ownAddresses = null)
{
    /// The interaction's key: the Message-ID in angle brackets, or a hash of the content when it has none.
    public static string ExternalIdOf(MimeMessage message, string? body, string from) =>
        string.IsNullOrWhiteSpace(message.MessageId)
            ? InteractionLog.ContentId("mail", from, message.Headers[HeaderId.Date], message.Subject, body)
            : Bracket(message.MessageId);

    public static string Bracket(string messageId) => "<" + messageId.Trim().Trim('<', '>') + ">";

    /// The text of the message: its plain part, or its HTML part as text.
    public static string? BodyOf(MimeMessage message) =>
        message.TextBody ?? (message.HtmlBody is { } html ? HtmlToText.Convert(html) : null);

    /// Reads the message; the interaction is not added (the caller passes it to <see cref="MessageIntake"/>).
    public async Task<MailReading> ReadAsync(MimeMessage message, DateTimeOffset now, int? mailboxId, CancellationToken cancellationToken)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null)
        {
            return MailReading.Refused(Messages.Get("It has no From address, so it cannot be attributed."));
        }

        var body = BodyOf(message);
        var externalId = ExternalIdOf(message, body, from.Address);
        if (await db.Interactions.AnyAsync(i => i.ExternalId == externalId, cancellationToken))
        {
            return MailReading.Known(externalId);
        }

        var thread = await ThreadAsync(message, cancellationToken);
        var ours = matcher.RepByEmail(from.Address) is not null || (ownAddresses?.Contains(from.Address) ?? false);
        var direction = Direction.Inbound;
        var contact = ours ? null : matcher.ByContactEmail(from.Address);
        int? customerId = contact?.CustomerId;
        if (contact is null && (ours || thread is null))
        {
            // Our own mail (a rep's copy, a message sent outside CalmDesk) is outbound, to the contact it went to.
            var recipient = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
                .Select(m => matcher.ByContactEmail(m.Address))
                .FirstOrDefault(c => c is not null);
            if (recipient is not null)
            {
                direction = Direction.Outbound;
                contact = recipient;
                customerId = recipient.Value.CustomerId;
            }
        }

        if (customerId is null && thread is not null)
        {
            // A colleague of the customer answering from an address we do not know yet: the conversation says who it is.
            customerId = thread.CustomerId;
            direction = ours ? Direction.Outbound : Direction.Inbound;
        }

        if (customerId is null)
        {
            var recipients = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            return MailReading.Unmatched(externalId, Messages.Format(
                "Neither the sender {0} nor the recipients ({1}) are a known contact, and it answers no conversation CalmDesk knows.", from.Address, recipients));
        }

        var author = direction == Direction.Inbound
            ? (string.IsNullOrWhiteSpace(from.Name) ? contact?.Name ?? from.Address : from.Name)
            : from.Name;
        var input = new InteractionInput(
            nameof(Channel.Email), direction.ToString(), message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            Excerpts.Fit(message.Subject ?? "", 300), string.IsNullOrWhiteSpace(body) ? Messages.Get("(no text)") : Excerpts.Fit(body, Interaction.MaxBodyLength),
            null, contact?.ContactId, Excerpts.Fit(author ?? "", 200), externalId);
        var errors = input.Validate(now);
        if (errors.Count > 0)
        {
            return MailReading.Refused(string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var interaction = input.ToInteraction(customerId.Value, now, externalId);
        interaction.MailboxId = mailboxId;
        if (direction == Direction.Outbound && matcher.RepByEmail(from.Address) is { } rep)
        {
            interaction.AuthorRepId = rep.RepId;
            interaction.AuthorName = rep.Name;
        }

        await JoinCaseAsync(interaction, thread, HasThreadHeaders(message), cancellationToken);
        return new MailReading(interaction, externalId, null, false, false);
    }

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

    /// A reply joins the case of the message it answers while that case is open (a merged case's survivor); the
    /// customer answering puts the case back on us. Without thread headers, an open case with the same title does.
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
                .Where(c => c.CustomerId == interaction.CustomerId && c.MergedIntoId == null && c.Title == title
                    && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .OrderByDescending(c => c.UpdatedAt)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (target is not { IsActive: true })
        {
            return;
        }

        interaction.CaseId = target.Id;
        if (interaction.Direction == Direction.Inbound)
        {
            if (target.Status == CaseStatus.WaitingOnCustomer)
            {
                target.Status = CaseStatus.WaitingOnUs;
            }

            if (interaction.OccurredAt > target.UpdatedAt)
            {
                target.UpdatedAt = interaction.OccurredAt;
            }
        }
    }

    private sealed record Thread(int CustomerId, int? CaseId);
}

/// What <see cref="MailReader"/> made of a message: an interaction, a message already stored, one from nobody we know,
/// or one refused with the reason.
internal sealed record MailReading(Interaction? Interaction, string? ExternalId, string? Problem, bool Duplicate, bool IsUnmatched)
{
    public static MailReading Known(string externalId) => new(null, externalId, null, true, false);

    public static MailReading Unmatched(string externalId, string problem) => new(null, externalId, problem, false, true);

    public static MailReading Refused(string problem) => new(null, null, problem, false, false);
}
