using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// Connected mailboxes (admins) and the queue of mail that arrived from nobody known (reps).
internal sealed class MailboxBook(
    CalmDeskDbContext db, MailSecrets secrets, MailConnections connections, MessageIntake intake, CustomerDirectory customers, TimeProvider clock, AttachmentStore? attachments = null)
{
    public async Task<IReadOnlyList<MailboxView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await db.InboundMail.Where(m => m.State == InboundMailState.Unmatched || m.State == InboundMailState.Broken)
            .GroupBy(m => m.MailboxId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var outbox = await db.Outbox.Where(m => m.Status != OutboxStatus.Sent)
            .GroupBy(m => new { m.MailboxId, m.Status }).Select(g => new { g.Key.MailboxId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var mailboxes = await db.Mailboxes.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return [.. mailboxes.Select(m => View(m, waiting.GetValueOrDefault(m.Id),
            outbox.Where(o => o.MailboxId == m.Id && o.Status == OutboxStatus.Queued).Sum(o => o.Count),
            outbox.Where(o => o.MailboxId == m.Id && o.Status == OutboxStatus.Failed).Sum(o => o.Count)))];
    }

    public async Task<MailboxView?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(m => m.Id == id);

    public async Task<Outcome<MailboxView>> AddAsync(MailboxInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate(secretRequired: true);
        if (errors.Count == 0 && await db.Mailboxes.AnyAsync(m => m.Address == input.Address!.Trim(), cancellationToken))
        {
            errors["address"] = [Messages.Format("The mailbox {0} is already connected.", input.Address!.Trim())];
        }

        if (errors.Count > 0)
        {
            return Outcome<MailboxView>.Invalid(errors);
        }

        var mailbox = new Mailbox { Name = "", Address = "", ImapHost = "", UserName = "", ProtectedSecret = "", CreatedAt = clock.GetUtcNow() };
        input.Apply(mailbox, secrets);
        mailbox.IsDefaultSender = input.IsDefaultSender ?? !await db.Mailboxes.AnyAsync(m => m.IsDefaultSender, cancellationToken);
        await ClearOtherDefaultsAsync(mailbox, cancellationToken);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<MailboxView>.Done((await GetAsync(mailbox.Id, cancellationToken))!);
    }

    public async Task<Outcome<MailboxView>> UpdateAsync(int id, MailboxInput input, CancellationToken cancellationToken = default)
    {
        var mailbox = await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mailbox is null)
        {
            return Outcome<MailboxView>.Missing();
        }

        var errors = input.Validate(secretRequired: false);
        if (errors.Count == 0 && await db.Mailboxes.AnyAsync(m => m.Id != id && m.Address == input.Address!.Trim(), cancellationToken))
        {
            errors["address"] = [Messages.Format("The mailbox {0} is already connected.", input.Address!.Trim())];
        }

        if (errors.Count > 0)
        {
            return Outcome<MailboxView>.Invalid(errors);
        }

        // The stored password goes only to the servers it was given for: another server or user needs it typed again.
        if (string.IsNullOrEmpty(input.Secret) && (!string.Equals(input.ImapHost?.Trim(), mailbox.ImapHost, StringComparison.OrdinalIgnoreCase)
            || !string.Equals((input.SmtpHost ?? "").Trim(), mailbox.SmtpHost ?? "", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(input.UserName?.Trim(), mailbox.UserName, StringComparison.Ordinal)))
        {
            return Outcome<MailboxView>.Invalid("secret", Messages.Get("Another server or user name needs the password or access token again."));
        }

        var server = (mailbox.ImapHost, mailbox.UserName, mailbox.Folder);
        input.Apply(mailbox, secrets);
        if (server != (mailbox.ImapHost, mailbox.UserName, mailbox.Folder))
        {
            // Another folder: its UIDs mean something else. Message-IDs keep what was stored from being stored twice.
            mailbox.UidValidity = 0;
            mailbox.LastUid = 0;
        }

        await ClearOtherDefaultsAsync(mailbox, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<MailboxView>.Done((await GetAsync(id, cancellationToken))!);
    }

    /// Disconnects a mailbox; what it brought stays on the customers' timelines, its unsent mail goes with it. Removed
    /// through the context (the database's own cascades as before), so the audit log shows who disconnected it.
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mailbox is null)
        {
            return false;
        }

        // What still waits to go through it goes nowhere now: each reply is marked not sent and its author told, instead
        // of staying "in the outbox" for good once its queue row leaves with the mailbox.
        var waiting = await db.Outbox.Include(m => m.Interaction).Where(m => m.MailboxId == id && m.Status == OutboxStatus.Queued).ToListAsync(cancellationToken);
        foreach (var message in waiting)
        {
            message.LastError = StoredText.Write("the mailbox it was to go through was disconnected before it could be sent.");
            if (message.Interaction is { } interaction)
            {
                interaction.Delivery = Delivery.Failed;
                await MailSender.TellAuthorAsync(db, message, clock.GetUtcNow(), cancellationToken);
            }
        }

        db.Mailboxes.Remove(mailbox);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// Logs into both servers; null when they work, otherwise what went wrong, in words.
    public async Task<Outcome<MailboxTest>> TestAsync(int id, CancellationToken cancellationToken = default)
    {
        var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return mailbox is null ? Outcome<MailboxTest>.Missing() : Outcome<MailboxTest>.Done(new MailboxTest(await connections.TestAsync(mailbox, cancellationToken)));
    }

    /// Mail that arrived from nobody known, or could not be read, newest first.
    public async Task<IReadOnlyList<InboundMailView>> WaitingAsync(CancellationToken cancellationToken = default) =>
        await db.InboundMail.AsNoTracking()
            .Where(m => m.State == InboundMailState.Unmatched || m.State == InboundMailState.Broken)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Take(200)
            .Select(m => new InboundMailView(m.Id, m.Mailbox!.Name, m.State, m.Reason, m.FromAddress, m.FromName, m.Subject, m.Preview, m.ReceivedAt, StoredText.Read(m.Problem)))
            .ToListAsync(cancellationToken);

    /// A rep says whose mail it is: the sender becomes a contact of that customer (unless they are one) and the message
    /// is read again, as if it had just arrived, into the customer's timeline and case.
    public async Task<Outcome<InteractionView>> LinkAsync(Viewer viewer, long id, int customerId, CancellationToken cancellationToken = default)
    {
        var mail = await db.InboundMail.SingleOrDefaultAsync(m => m.Id == id && m.State == InboundMailState.Unmatched, cancellationToken);
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (mail is null)
        {
            return Outcome<InteractionView>.Missing();
        }

        if (customer is null)
        {
            return Outcome<InteractionView>.Invalid("customerId", Messages.Format("Customer {0} does not exist or is not yours.", customerId));
        }

        if (mail.FromAddress is null || mail.Raw.Length == 0)
        {
            return Outcome<InteractionView>.Invalid("id", Messages.Get("This message has no sender or was too large to keep; it cannot be linked."));
        }

        // Mail claiming one of our own addresses never makes that address a customer's contact.
        if (mail.Reason != InboundReason.OwnAddress && !customer.Contacts.Any(c => string.Equals(c.Email, mail.FromAddress, StringComparison.OrdinalIgnoreCase)))
        {
            customer.Contacts.Add(new Contact { Name = mail.FromName ?? mail.FromAddress, Email = mail.FromAddress });
            customer.RefreshSearchKey();
            await db.SaveChangesAsync(cancellationToken);
        }

        var message = await MimeMessage.LoadAsync(new MemoryStream(mail.Raw), cancellationToken);
        var reader = new MailReader(db, await CustomerMatcher.LoadAsync(db, cancellationToken));
        var reading = await reader.ReadAsync(message, clock.GetUtcNow(), mail.MailboxId, cancellationToken, customerId);
        if (reading.Interaction is { } linked && attachments is not null)
        {
            await attachments.AddAsync(linked, message, cancellationToken);
        }

        var stored = reading.Interaction is { } interaction
            ? (await intake.AcceptAsync(interaction, cancellationToken)).Interaction
            : await db.Interactions.SingleOrDefaultAsync(i => i.ExternalId == reading.ExternalId, cancellationToken);
        if (stored is null || stored.CustomerId != customerId)
        {
            return Outcome<InteractionView>.Invalid("id", stored is null
                ? StoredText.Read(reading.Problem) ?? Messages.Get("The message could not be read.")
                : Messages.Get("This message is already on another customer's timeline."));
        }

        mail.State = InboundMailState.Linked;
        mail.Interaction = stored;
        mail.HandledByUserId = viewer.UserId;
        mail.HandledAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<InteractionView>.Done(InteractionLog.View(stored, null));
    }

    /// The sender is a new customer: the customer is created (owned by the rep who does it, the sender their first
    /// contact, in the language the message is written in) and the message linked to it, all or nothing.
    public async Task<Outcome<InteractionView>> CreateCustomerAsync(Viewer viewer, long id, string? company, CancellationToken cancellationToken = default)
    {
        var mail = await db.InboundMail.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.State == InboundMailState.Unmatched, cancellationToken);
        if (mail is null)
        {
            return Outcome<InteractionView>.Missing();
        }

        if (mail.Reason == InboundReason.OwnAddress || mail.FromAddress is null)
        {
            return Outcome<InteractionView>.Invalid("id", Messages.Get("This message claims to come from one of our own addresses, or from nobody: it cannot start a customer."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await customers.CreateAsync(viewer, new CustomerInput(company?.Trim()),
            [new ContactInput(mail.FromName ?? mail.FromAddress, mail.FromAddress)], cancellationToken);
        if (created.Value is not { } customer)
        {
            return Outcome<InteractionView>.Invalid(created.Errors);
        }

        var linked = await LinkAsync(viewer, id, customer.Id, cancellationToken);
        if (!linked.Succeeded)
        {
            return linked; // the transaction is not committed: no customer without its message
        }

        if (await db.Interactions.Where(i => i.Id == linked.Value!.Id).Select(i => i.Analysis!.Language).FirstOrDefaultAsync(cancellationToken) is { } language
            && Languages.IsKnown(language))
        {
            await db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PreferredLanguage, language), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return linked;
    }

    /// Not customer mail (a newsletter, spam): it leaves the queue and is kept for the record, with who decided.
    public async Task<bool> DismissAsync(Viewer viewer, long id, CancellationToken cancellationToken = default) =>
        await db.InboundMail.Where(m => m.Id == id && (m.State == InboundMailState.Unmatched || m.State == InboundMailState.Broken))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, InboundMailState.Dismissed).SetProperty(m => m.HandledByUserId, viewer.UserId)
                .SetProperty(m => m.HandledAt, clock.GetUtcNow()), cancellationToken) == 1;

    private async Task ClearOtherDefaultsAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (mailbox.IsDefaultSender)
        {
            await db.Mailboxes.Where(m => m.Id != mailbox.Id && m.IsDefaultSender).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDefaultSender, false), cancellationToken);
        }
    }

    private static MailboxView View(Mailbox m, int waiting, int queued, int failed) => new(
        m.Id, m.Name, m.Address, m.DisplayName, m.ImapHost, m.ImapPort, m.ImapSecurity, m.Folder, m.UserName, m.Authentication,
        m.SmtpHost, m.SmtpPort, m.SmtpSecurity, m.IsDefaultSender, m.Enabled, m.FetchedCount, m.LastFetchAt, StoredText.Read(m.LastError), m.LastErrorAt,
        waiting, queued, failed);
}

/// A mailbox as shown to admins: everything but the secret, with its health.
internal sealed record MailboxView(
    int Id, string Name, string Address, string? DisplayName, string ImapHost, int ImapPort, MailSecurity ImapSecurity, string Folder,
    string UserName, MailAuthentication Authentication, string? SmtpHost, int SmtpPort, MailSecurity SmtpSecurity, bool IsDefaultSender,
    bool Enabled, int Fetched, DateTimeOffset? LastFetchAt, string? LastError, DateTimeOffset? LastErrorAt, int Waiting, int Queued, int Failed);

/// The result of the connection test: null when both servers accepted the login.
internal sealed record MailboxTest(string? Problem)
{
    public bool Works => Problem is null;
}

internal sealed record InboundMailView(
    long Id, string Mailbox, InboundMailState State, InboundReason Reason, string? FromAddress, string? FromName, string? Subject, string? Preview, DateTimeOffset ReceivedAt, string? Problem);
