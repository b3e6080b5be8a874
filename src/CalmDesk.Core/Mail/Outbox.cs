using System.Net;
using System.Text;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// <summary>
/// Queues the mail the product sends (a case reply, a delay notice, a collection step, an announcement, an
/// introduction, a let-go letter) as an <see cref="OutboxMessage"/> in the same transaction as its interaction. It
/// answers from the mailbox the conversation came through (or the default sender), to the contact, in reply to the
/// customer's latest message. With no mailbox that sends, or no address, it is recorded only, and labelled so.
/// </summary>
internal static class Outbox
{
    /// Prepares the (not yet saved) outbound e-mail interaction for sending; sets its delivery and Message-ID.
    public static async Task QueueAsync(CalmDeskDbContext db, Interaction interaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conversation = db.Interactions.AsNoTracking()
            .Where(i => i.CustomerId == interaction.CustomerId && i.Channel == Channel.Email
                && (interaction.CaseId == null || i.CaseId == interaction.CaseId));
        var answered = await conversation.Where(i => i.Direction == Direction.Inbound)
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => new { i.ExternalId, i.Subject, i.MailboxId, i.ContactId })
            .FirstOrDefaultAsync(cancellationToken);
        var senders = await db.Mailboxes.AsNoTracking().Where(m => m.Enabled && m.SmtpHost != null && m.SmtpHost != "")
            .OrderByDescending(m => m.IsDefaultSender).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var mailbox = senders.FirstOrDefault(m => m.Id == answered?.MailboxId) ?? senders.FirstOrDefault();
        var contactId = interaction.ContactId ?? answered?.ContactId;
        var recipient = await db.Contacts.AsNoTracking()
            .Where(c => c.CustomerId == interaction.CustomerId && c.Email != null && c.Email != "")
            .OrderByDescending(c => c.Id == contactId).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Email, c.Language })
            .FirstOrDefaultAsync(cancellationToken);
        if (mailbox is null || recipient is null)
        {
            interaction.Delivery = Delivery.RecordedOnly;
            return;
        }

        var language = recipient.Language ?? await db.Customers.Where(c => c.Id == interaction.CustomerId).Select(c => c.PreferredLanguage).SingleAsync(cancellationToken);
        var domain = new MailboxAddress(null, mailbox.Address).Domain;
        var messageId = $"calmdesk.{Guid.NewGuid():N}@{(string.IsNullOrEmpty(domain) ? "calmdesk.local" : domain)}";
        var references = answered is null || !answered.ExternalId.StartsWith('<') ? [] : await conversation
            .Where(i => EF.Functions.Like(i.ExternalId, "<%"))
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => i.ExternalId).Take(10).ToListAsync(cancellationToken);
        references.Reverse();
        var subject = interaction.Subject
            ?? (answered?.Subject is { Length: > 0 } theirs ? Subjects.Reply(theirs) : null)
            ?? Excerpts.Line(interaction.Body, 80);
        interaction.ExternalId = MailReader.Bracket(messageId);
        interaction.ContactId ??= recipient.Id;
        interaction.MailboxId = mailbox.Id;
        interaction.Delivery = Delivery.Queued;
        db.Outbox.Add(new OutboxMessage
        {
            Interaction = interaction, MailboxId = mailbox.Id, ToAddress = recipient.Email!, ToName = recipient.Name,
            Subject = Excerpts.Fit(subject, 300), TextBody = interaction.Body, HtmlBody = Html(interaction.Body, language), MessageId = messageId,
            InReplyTo = answered?.ExternalId is { } id && id.StartsWith('<') ? id : null,
            References = references.Count == 0 ? null : Excerpts.Cut(string.Join(' ', references), 4000),
            Language = language, Status = OutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now,
        });
    }

    /// The HTML part: the plain text, encoded, in paragraphs and lines.
    public static string Html(string text, string? language)
    {
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{WebUtility.HtmlEncode(language ?? "en")}\"><head><meta charset=\"utf-8\"></head><body>");
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(WebUtility.HtmlEncode))).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
