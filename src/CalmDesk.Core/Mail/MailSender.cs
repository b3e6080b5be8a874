using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Notifications;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace CalmDesk.Mail;

/// <summary>
/// Delivers the outbox. Each message is first claimed with a conditional update, so of two instances on one database
/// only one sends it; a claim left by a killed instance expires and the message is taken over. A refusal (5xx) or a
/// sixth failed attempt marks it failed and tells its author; other failures are retried after 1, 5, 15, 60 and 240 minutes.
/// Each message is also addressed, on the SMTP envelope only, to its own mailbox (<see cref="MailOptions.CopyToOwnMailbox"/>):
/// the server accepts it for the customer and for us in one transaction, so a copy in the mailbox proves it was taken.
/// A message whose last attempt never recorded how it ended (its instance was killed or stopped mid-send) is first
/// looked for, by its Message-ID, in the mailbox's fetched folder (that copy) and in its Sent folder (where Gmail,
/// Microsoft 365 and many servers keep what they accepted): found, it is recorded as sent and not sent again. Otherwise
/// it goes again, with the same Message-ID, because a reply lost is worse than a reply twice.
/// </summary>
internal sealed class MailSender(
    CalmDeskDbContext db, MailConnections connections, TimeProvider clock, AttachmentStore? attachments = null, IOptions<MailOptions>? options = null)
{
    /// How long a claim holds (<c>Mail:ClaimSeconds</c>, five minutes by default).
    private bool CopyToOwnMailbox => (options?.Value ?? new MailOptions()).CopyToOwnMailbox;

    private TimeSpan ClaimFor => TimeSpan.FromSeconds(Math.Max(1, (options?.Value ?? new MailOptions()).ClaimSeconds));

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    /// Sends what is due; returns how many were sent.
    public async Task<int> SendDueAsync(string instance, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A claim still standing (expired) means the last attempt never said how it ended.
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, InDoubt = m.ClaimedBy != null }).Take(50).ToListAsync(cancellationToken);
        var sent = 0;
        var clients = new Dictionary<int, SmtpClient>();
        try
        {
            foreach (var item in due)
            {
                if (await SendOneAsync(item.Id, item.InDoubt, instance, clients, cancellationToken))
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

    private async Task<bool> SendOneAsync(long id, bool inDoubt, string instance, Dictionary<int, SmtpClient> clients, CancellationToken cancellationToken)
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

        // A message this unit of work tracks already (queued in it) comes back from a query as it was held, without the
        // claim just written: read again, it counts this attempt.
        var held = db.Outbox.Local.FindEntry(id) is not null;
        var message = await db.Outbox.Include(m => m.Mailbox).Include(m => m.Interaction).SingleAsync(m => m.Id == id, cancellationToken);
        if (held)
        {
            await db.Entry(message).ReloadAsync(cancellationToken);
        }

        if (inDoubt && await AlreadyAcceptedAsync(message, cancellationToken))
        {
            message.LastError = null;
            return await RecordSentAsync(message);
        }

        try
        {
            var mime = Compose(message, await FilesAsync(message.InteractionId, cancellationToken));
            if (!clients.TryGetValue(message.MailboxId, out var client) || !client.IsConnected)
            {
                client?.Dispose();
                client = await connections.OpenSmtpAsync(message.Mailbox!, cancellationToken);
                clients[message.MailboxId] = client;
            }

            await client.SendAsync(mime, Envelope.Sender(message.Mailbox!), Envelope.Recipients(mime, message.Mailbox!, CopyToOwnMailbox), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A refusal (5xx), a message that cannot be composed (a malformed address) or the last attempt: failed for
            // good, and its author is told. Anything else is tried again later.
            var permanent = !message.Mailbox!.CanSend
                || exception is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } or ParseException or ArgumentException or MissingFileException;
            message.LastError = Excerpts.Fit(MailConnections.IsMailProblem(exception) ? MailConnections.Stored(exception) : exception.Message, 1000);
            message.ClaimedBy = null;
            message.ClaimedUntil = null;
            if (permanent || message.Attempts >= OutboxMessage.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                message.Interaction!.Delivery = Delivery.Failed;
                await TellAuthorAsync(db, message, clock.GetUtcNow(), CancellationToken.None);
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

        // The server has it: record that whatever happens to this request now, in one transaction.
        message.LastError = null;
        return await RecordSentAsync(message);
    }

    private async Task<bool> RecordSentAsync(OutboxMessage message)
    {
        message.Status = OutboxStatus.Sent;
        message.SentAt = clock.GetUtcNow();
        message.ClaimedUntil = null;
        message.Interaction!.Delivery = Delivery.Sent;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// The names a Sent folder goes by on servers that do not mark it (RFC 6154 SPECIAL-USE), in the languages served.
    private static readonly string[] SentNames =
        ["Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent", "Posta inviata", "Inviata", "Απεσταλμένα", "Enviados", "Elementos enviados", "Éléments envoyés", "Gesendet", "Gesendete Elemente", "Itens Enviados"];

    /// Whether the server took the message before the attempt that sent it was cut short: its copy, found by Message-ID,
    /// in the mailbox's fetched folder (the envelope copy) or its Sent folder. Any trouble reading them answers no, and
    /// the message is sent again.
    private async Task<bool> AlreadyAcceptedAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var imap = await connections.OpenImapAsync(message.Mailbox!, cancellationToken);
            var query = MailKit.Search.SearchQuery.HeaderContains("Message-ID", message.MessageId);
            // The copy lands in INBOX (or the folder the mailbox reads, where a rule files it); Sent where the server keeps one.
            var folders = new List<MailKit.IMailFolder> { imap.Inbox };
            foreach (var find in new Func<Task<MailKit.IMailFolder?>>[] { async () => await imap.GetFolderAsync(message.Mailbox!.Folder, cancellationToken), () => SentFolderAsync(imap, cancellationToken) })
            {
                try
                {
                    if (await find() is { } folder && !folders.Any(f => f.FullName == folder.FullName))
                    {
                        folders.Add(folder);
                    }
                }
                catch (MailKit.FolderNotFoundException)
                {
                    // one folder missing does not stop the others being searched
                }
            }

            foreach (var folder in folders)
            {
                await folder.OpenAsync(MailKit.FolderAccess.ReadOnly, cancellationToken);
                var found = await folder.SearchAsync(query, cancellationToken);
                await folder.CloseAsync(false, cancellationToken);
                if (found.Count > 0)
                {
                    await imap.DisconnectAsync(true, cancellationToken);
                    return true;
                }
            }

            await imap.DisconnectAsync(true, cancellationToken);
            return false;
        }
        catch (Exception exception) when (MailConnections.IsMailProblem(exception))
        {
            return false;
        }
    }

    /// The Sent folder: by its SPECIAL-USE mark (RFC 6154), else by its usual name; none when neither finds one.
    private static async Task<MailKit.IMailFolder?> SentFolderAsync(MailKit.Net.Imap.ImapClient imap, CancellationToken cancellationToken)
    {
        var sent = (imap.Capabilities & (MailKit.Net.Imap.ImapCapabilities.SpecialUse | MailKit.Net.Imap.ImapCapabilities.XList)) != 0
            ? imap.GetFolder(MailKit.SpecialFolder.Sent)
            : null;
        if (sent is null && imap.PersonalNamespaces.Count > 0)
        {
            var folders = await imap.GetFoldersAsync(imap.PersonalNamespaces[0], cancellationToken: cancellationToken);
            sent = folders.FirstOrDefault(f => SentNames.Contains(f.FullName, StringComparer.OrdinalIgnoreCase) || SentNames.Contains(f.Name, StringComparer.OrdinalIgnoreCase));
        }

        return sent;
    }

    /// A delivery failure report came back for mail we sent: that mail was not delivered after all, and its author is told.
    public static async Task MarkBouncedAsync(CalmDeskDbContext db, IReadOnlyList<string> messageIds, string? diagnostic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bounced = await db.Outbox.Include(m => m.Interaction)
            .Where(m => messageIds.Contains(m.MessageId) && m.Status != OutboxStatus.Failed).ToListAsync(cancellationToken);
        foreach (var message in bounced)
        {
            message.Status = OutboxStatus.Failed;
            message.LastError = Excerpts.Fit(diagnostic ?? StoredText.Write("The recipient's server sent it back."), 1000);
            message.Interaction!.Delivery = Delivery.Failed;
            await TellAuthorAsync(db, message, now, cancellationToken);
        }
    }

    /// The files listed on the interaction, with their content; a file whose content is gone fails the message for
    /// good rather than sending it without what the text says is attached.
    private async Task<IReadOnlyList<(Attachment File, byte[] Content)>> FilesAsync(long interactionId, CancellationToken cancellationToken)
    {
        var files = await db.Attachments.AsNoTracking().Where(a => a.InteractionId == interactionId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        if (files.Count == 0)
        {
            return [];
        }

        var store = attachments ?? throw new InvalidOperationException("The mail sender needs the attachment store to send files.");
        var result = new List<(Attachment, byte[])>(files.Count);
        foreach (var file in files)
        {
            await using var content = await store.OpenAsync(file.Sha256, cancellationToken)
                ?? throw new MissingFileException(Messages.Format("The attached file {0} is no longer stored; attach it again to a new message.", file.FileName));
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            result.Add((file, buffer.ToArray()));
        }

        return result;
    }

    /// The message as the customer's client receives it: threaded, in their language, plain text and HTML, with its files.
    public static MimeMessage Compose(OutboxMessage message, IReadOnlyList<(Attachment File, byte[] Content)>? files = null)
    {
        var mailbox = message.Mailbox!;
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject };
        mime.From.Add(new MailboxAddress(mailbox.DisplayName ?? mailbox.Name, mailbox.Address));
        mime.ReplyTo.Add(new MailboxAddress(mailbox.DisplayName ?? mailbox.Name, mailbox.Address));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Date = message.CreatedAt;
        // The customer's own Message-IDs: one MimeKit cannot parse is left out rather than failing the send.
        if (message.InReplyTo is { } inReplyTo && MimeUtils.EnumerateReferences(inReplyTo).FirstOrDefault() is { } parent)
        {
            mime.InReplyTo = parent;
        }

        foreach (var reference in MimeUtils.EnumerateReferences(message.References ?? ""))
        {
            mime.References.Add(reference);
        }

        var builder = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var (file, content) in files ?? [])
        {
            builder.Attachments.Add(file.FileName, content, ContentType.TryParse(file.ContentType, out var type) ? type : new ContentType("application", "octet-stream"));
        }

        mime.Body = builder.ToMessageBody();
        if (message.Language is { Length: > 0 } language)
        {
            // A Content-* header belongs to the entity it describes: the text (and HTML) part, not the files beside it.
            var text = mime.Body is Multipart { ContentType.MimeType: "multipart/mixed" } mixed ? mixed[0] : mime.Body;
            text.Headers.Add(HeaderId.ContentLanguage, language);
        }

        return mime;
    }

    /// Tells the message's author (in their notifications) that it was not delivered, and why.
    internal static async Task TellAuthorAsync(CalmDeskDbContext db, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
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
            Subject = Excerpts.Fit(StoredText.Write("“{0}” was not delivered to {1}: {2}", message.Subject, message.ToAddress, message.LastError), 300),
            Company = about.Company, CreatedAt = now,
        });
    }
}

/// A file listed on an outgoing message whose content is no longer stored.
internal sealed class MissingFileException(string message) : Exception(message);

/// The SMTP envelope of a message we send: from the mailbox, to the message's recipients and, unless turned off, to the
/// mailbox itself (a copy that proves the server took it; never in the headers the customer sees).
internal static class Envelope
{
    public static MailboxAddress Sender(Mailbox mailbox) => new(mailbox.DisplayName ?? mailbox.Name, mailbox.Address);

    public static List<MailboxAddress> Recipients(MimeMessage message, Mailbox mailbox, bool copyToOwnMailbox)
    {
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
        if (copyToOwnMailbox && !recipients.Any(r => string.Equals(r.Address, mailbox.Address, StringComparison.OrdinalIgnoreCase)))
        {
            recipients.Add(new MailboxAddress(mailbox.DisplayName ?? mailbox.Name, mailbox.Address));
        }

        return recipients;
    }
}
