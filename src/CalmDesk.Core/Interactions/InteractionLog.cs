using System.Security.Cryptography;
using System.Text;
using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Analysis;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Learning;
using CalmDesk.Localization;
using CalmDesk.Mail;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// Records interactions and reads a customer's timeline, newest first.
internal sealed class InteractionLog(CalmDeskDbContext db, TimeProvider clock, MessageIntake intake, ActiveModel? model = null)
{
    /// Messages on one page of a customer's timeline (the customer page; the global search links to the right page).
    public const int TimelinePageSize = 20;

    public async Task<Page<InteractionView>?> TimelineAsync(
        Viewer viewer, int customerId, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return null;
        }

        var (number, size) = Page<InteractionView>.Clamp(page, pageSize);
        var interactions = db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId);
        var total = await interactions.CountAsync(cancellationToken);
        var rows = await interactions
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Skip((number - 1) * size).Take(size)
            .Select(i => new { Interaction = i, ContactName = i.Contact == null ? null : i.Contact.Name })
            .ToListAsync(cancellationToken);
        var files = await AttachmentView.ForAsync(db, [.. rows.Select(r => r.Interaction.Id)], cancellationToken);
        return new Page<InteractionView>([.. rows.Select(r => View(r.Interaction, r.ContactName) with { Attachments = [.. files[r.Interaction.Id]] })], number, size, total);
    }

    public Task<Outcome<InteractionView>> AddAsync(Viewer viewer, int customerId, InteractionInput input, CancellationToken cancellationToken = default) =>
        AddAsync(viewer, customerId, input, null, cancellationToken);

    /// Records an interaction; with a case id it goes to that case, otherwise triage decides whether it opens or joins one.
    public Task<Outcome<InteractionView>> AddAsync(
        Viewer viewer, int customerId, InteractionInput input, int? caseId, CancellationToken cancellationToken = default) =>
        AddAsync(viewer, customerId, input, caseId, send: false, cancellationToken);

    /// Records an e-mail the product sends (a reply, a notice, a letter) and queues it in the outbox, in one transaction;
    /// without a mailbox that sends, or an address, it is recorded only and labelled so. The files (kept already by
    /// <see cref="AttachmentStore"/>) are listed on it and go with the mail.
    public Task<Outcome<InteractionView>> SendAsync(
        Viewer viewer, int customerId, InteractionInput input, int? caseId = null, IReadOnlyList<Attachment>? files = null, CancellationToken cancellationToken = default) =>
        AddAsync(viewer, customerId, input, caseId, send: true, cancellationToken, files);

    /// A rep's e-mail to the customer outside any case (a question answered from the inbox): read by the guard first, as
    /// a case reply is (against the customer's recent internal notes), then sent to their contact.
    public async Task<Outcome<InteractionView>> ReplyAsync(
        Viewer viewer, int customerId, string? subject, string? body, bool confirmed = false, IReadOnlyList<Attachment>? files = null,
        CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome<InteractionView>.Missing();
        }

        if (!confirmed && !string.IsNullOrWhiteSpace(body))
        {
            var since = clock.GetUtcNow().AddDays(-60);
            var notes = await db.Interactions.AsNoTracking()
                .Where(i => i.CustomerId == customerId && i.Direction == Direction.Internal && i.OccurredAt >= since)
                .OrderByDescending(i => i.OccurredAt).Take(50).Select(i => i.Body).ToListAsync(cancellationToken);
            if (ReplyGuard.Check(body, notes, ActiveModel.Of(model)) is { Count: > 0 } findings)
            {
                return Outcome<InteractionView>.Invalid(new Dictionary<string, string[]> { ["guard"] = [.. findings.Select(ReplyGuard.Describe)] });
            }
        }

        return await SendAsync(viewer, customerId, new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null, subject, body), null, files, cancellationToken);
    }

    /// <summary>
    /// Records one message. Two messages of the same customer stored at the same moment both join the customer's open
    /// case, and the case's version lets only one of the two saves through (<see cref="IVersioned"/>). Nobody decided
    /// anything here, so neither message may be refused: in this process a customer's messages take turns
    /// (<see cref="CustomerTurns"/>), and one that still loses the race (to another instance, to a mailbox fetch, which
    /// tries again at its next round, to an import, or to a person changing the case) is taken again from a fresh read.
    /// That holds only when this call owns the unit of work: a caller with its own pending changes or transaction (a
    /// collection step, a promise kept) gets the conflict, which undoes its whole decision.
    /// </summary>
    private async Task<Outcome<InteractionView>> AddAsync(
        Viewer viewer, int customerId, InteractionInput input, int? caseId, bool send, CancellationToken cancellationToken, IReadOnlyList<Attachment>? files = null)
    {
        if (db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges())
        {
            return await AddOnceAsync(viewer, customerId, input, caseId, send, files, cancellationToken);
        }

        // What the caller had read before (the signed-in token, a case it shows) stays tracked through a second attempt.
        var kept = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        using var turn = await CustomerTurns.TakeAsync(customerId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AddOnceAsync(viewer, customerId, input, caseId, send, files, cancellationToken);
            }
            catch (Exception exception) when (attempt < Conflicts.Attempts && Conflicts.LostRace(exception))
            {
                await ForgetAttemptAsync(kept, cancellationToken);
            }
        }
    }

    /// Puts the unit of work back as it was before a failed attempt: what the attempt read or added is let go, what the
    /// caller had read and the attempt changed is read again.
    private async Task ForgetAttemptAsync(HashSet<object> kept, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (!kept.Contains(entry.Entity))
            {
                entry.State = EntityState.Detached;
            }
            else if (entry.State != EntityState.Unchanged || entry.Entity is IVersioned)
            {
                // A versioned record may have been raised by the failed save and then rolled back: read it as stored.
                await entry.ReloadAsync(cancellationToken);
            }
        }
    }

    private async Task<Outcome<InteractionView>> AddOnceAsync(
        Viewer viewer, int customerId, InteractionInput input, int? caseId, bool send, IReadOnlyList<Attachment>? files, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Outcome<InteractionView>.Missing();
        }

        var now = clock.GetUtcNow();
        var errors = input.Validate(now);
        var contact = input.ContactId is { } contactId ? customer.Contacts.FirstOrDefault(c => c.Id == contactId) : null;
        if (input.ContactId is not null && contact is null)
        {
            errors["contactId"] = [Messages.Format("Contact {0} does not belong to this customer.", input.ContactId)];
        }

        // A fresh id cannot have been stored before: only an id the caller gives is looked up.
        var given = !string.IsNullOrWhiteSpace(input.ExternalId);
        var externalId = given ? input.ExternalId!.Trim() : "calmdesk:" + Guid.NewGuid().ToString("N");
        if (given && await db.Interactions.AnyAsync(i => i.ExternalId == externalId, cancellationToken))
        {
            errors["externalId"] = [Messages.Format("An interaction with the external id '{0}' is already recorded.", externalId)];
        }

        if (errors.Count > 0)
        {
            return Outcome<InteractionView>.Invalid(errors);
        }

        var interaction = input.ToInteraction(customerId, now, externalId);
        interaction.Customer = customer;
        // Our own words are signed by the rep who writes them; a customer's are not, so their rep is not looked up.
        if (interaction.Direction != Direction.Inbound
            && await db.Reps.SingleOrDefaultAsync(r => r.UserId == viewer.UserId, cancellationToken) is { } rep)
        {
            interaction.AuthorRepId = rep.Id;
            interaction.AuthorName ??= rep.DisplayName;
        }
        else if (interaction.Direction == Direction.Inbound)
        {
            interaction.AuthorName ??= contact?.Name;
        }

        interaction.CaseId = caseId;
        foreach (var file in files ?? [])
        {
            interaction.Attachments.Add(new Attachment { FileName = file.FileName, ContentType = file.ContentType, Size = file.Size, Sha256 = file.Sha256, CreatedAt = now });
        }

        await intake.AcceptAsync(interaction, cancellationToken);
        if (send && interaction is { Channel: Channel.Email, Direction: Direction.Outbound })
        {
            await Outbox.QueueAsync(db, interaction, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (interaction.Direction == Direction.Outbound)
        {
            // Answered: the "reply overdue" notices of this conversation no longer wait for anyone.
            var answered = interaction.CaseId;
            await db.Notifications.Where(n => n.Kind == Notifications.NotificationKind.ReplyOverdue && n.CustomerId == customerId && n.ReadAt == null
                    && (answered == null || n.CaseId == answered))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        }

        return Outcome<InteractionView>.Done(View(interaction, contact?.Name));
    }

    public static InteractionView View(Interaction i, string? contactName) => new(
        i.Id, i.CustomerId, i.ContactId, contactName, i.Channel, i.Direction, i.OccurredAt,
        i.Subject, i.Body, i.MinutesSpent, i.AuthorName, i.ExternalId, i.Analysis?.ReadDetails())
    {
        CaseId = i.CaseId ?? i.Case?.Id,
        AngerCorrected = i.AngerCorrected,
        Delivery = i.Delivery,
        // The files stored with it, when they are at hand (a message just recorded): the answer to a post lists what it kept.
        Attachments = [.. i.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size))],
    };

    /// A rep or manager sets the anger of a customer's message (or a note about the customer) by hand: shown instead of
    /// the analysis's level, and kept as a labelled example for the next refit of the model.
    public async Task<Outcome<InteractionView>> CorrectAngerAsync(Viewer viewer, int customerId, long id, string? level, CancellationToken cancellationToken = default)
    {
        var interaction = await db.Interactions.Include(i => i.Contact)
            .SingleOrDefaultAsync(i => i.Id == id && i.CustomerId == customerId && db.Customers.VisibleTo(viewer).Any(c => c.Id == i.CustomerId), cancellationToken);
        if (interaction is null)
        {
            return Outcome<InteractionView>.Missing();
        }

        // By name only: no numbers, no "annoyed,angry" read as flags.
        if (Enum.GetNames<AngerLevel>().FirstOrDefault(n => n.Equals(level?.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } name
            || !Enum.TryParse<AngerLevel>(name, out var parsed))
        {
            return Outcome<InteractionView>.Invalid("level", Messages.Get("The anger level is calm, annoyed, angry or furious."));
        }

        if (interaction.Direction == Direction.Outbound)
        {
            return Outcome<InteractionView>.Invalid("level", Messages.Get("Our own replies are not analysed; only a customer's words have an anger level."));
        }

        interaction.AngerCorrected = parsed;
        await Corrections.AngerAsync(db, interaction, parsed, viewer.UserId, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<InteractionView>.Done(View(interaction, interaction.Contact?.Name));
    }

    /// A stable id for a record that came without one, so importing it again is recognised.
    public static string ContentId(string scheme, params string?[] parts) =>
        scheme + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..40];
}
