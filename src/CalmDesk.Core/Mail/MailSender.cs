using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Notifications;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// <summary>
/// Delivers the outbox. Each message is first claimed with a conditional update, so of two instances on one database
/// only one sends it; a claim left by a killed instance expires and the message is taken over. A refusal (5xx) or a
/// sixth failed attempt marks it failed and tells its author; other failures are retried after 1, 5, 15, 60 and 240 minutes.
/// </summary>
internal sealed class MailSender(CalmDeskDbContext db, MailConnections connections, TimeProvider clock)
{
    /// How long a claim holds; a send takes seconds, so an older claim belongs to an instance that died.
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    /// Sends what is due; returns how many were sent.
    public async Task<int> SendDueAsync(string instance, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(50).ToListAsync(cancellationToken);
        var sent = 0;
        var clients = new Dictionary<int, SmtpClient>();
        try
        {
            foreach (var id in due)
            {
                if (await SendOneAsync(id, instance, clients, cancellationToken))
                {
                    sent++;
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(long id, string instance, Dictionary<int, SmtpClient> clients, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + ClaimFor;
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Queued && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, instance).SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed != 1)
        {
            return false; // another instance has it
        }

        var message = await db.Outbox.Include(m => m.Mailbox).SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            if (!clients.TryGetValue(message.MailboxId, out var client) || !client.IsConnected)
            {
                client?.Dispose();
                client = await connections.OpenSmtpAsync(message.Mailbox!, cancellationToken);
                clients[message.MailboxId] = client;
            }

            await client.SendAsync(Compose(message), cancellationToken);
            message.Status = OutboxStatus.Sent;
            message.SentAt = clock.GetUtcNow();
            message.LastError = null;
            message.ClaimedUntil = null;
            await SetDeliveryAsync(message, Delivery.Sent, cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception exception) when (MailConnections.IsMailProblem(exception) || exception is InvalidOperationException)
        {
            var refused = exception is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
            message.LastError = Excerpts.Fit(MailConnections.Describe(exception), 1000);
            message.ClaimedBy = null;
            message.ClaimedUntil = null;
            if (refused || message.Attempts >= OutboxMessage.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                await SetDeliveryAsync(message, Delivery.Failed, cancellationToken);
                await TellAuthorAsync(message, cancellationToken);
            }
            else
            {
                message.NextAttemptAt = clock.GetUtcNow() + Backoff[Math.Min(message.Attempts, Backoff.Length) - 1];
            }

            await db.SaveChangesAsync(CancellationToken.None);
            if (clients.Remove(message.MailboxId, out var broken))
            {
                broken.Dispose();
            }

            return false;
        }
    }

    /// The message as the customer's client receives it: threaded, in their language, plain text and HTML.
    public static MimeMessage Compose(OutboxMessage message)
    {
        var mailbox = message.Mailbox!;
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject };
        mime.From.Add(new MailboxAddress(mailbox.DisplayName ?? mailbox.Name, mailbox.Address));
        mime.ReplyTo.Add(new MailboxAddress(mailbox.DisplayName ?? mailbox.Name, mailbox.Address));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Date = message.CreatedAt;
        if (message.InReplyTo is { } inReplyTo)
        {
            mime.InReplyTo = inReplyTo.Trim('<', '>');
        }

        foreach (var reference in (message.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            mime.References.Add(reference.Trim('<', '>'));
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        if (message.Language is { Length: > 0 } language)
        {
            // A Content-* header belongs to the body's entity; on the message's own list MimeKit would move it there anyway.
            mime.Body.Headers.Add(HeaderId.ContentLanguage, language);
        }
        return mime;
    }

    private async Task SetDeliveryAsync(OutboxMessage message, Delivery delivery, CancellationToken cancellationToken) =>
        await db.Interactions.Where(i => i.Id == message.InteractionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Delivery, delivery), cancellationToken);

    private async Task TellAuthorAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var about = await db.Interactions.Where(i => i.Id == message.InteractionId)
            .Select(i => new { i.CustomerId, i.CaseId, Company = i.Customer!.Company, UserId = i.AuthorRep == null ? null : i.AuthorRep.UserId })
            .SingleAsync(cancellationToken);
        if (about.UserId is null)
        {
            return;
        }

        db.Notifications.Add(new Notification
        {
            RecipientUserId = about.UserId, Kind = NotificationKind.MailFailed, CustomerId = about.CustomerId, CaseId = about.CaseId,
            Subject = Excerpts.Fit(Messages.Format("{0} to {1}: {2}", message.Subject, message.ToAddress, message.LastError), 300),
            Company = about.Company, CreatedAt = clock.GetUtcNow(),
        });
    }
}
