using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Cases;

/// The messages of a case: a note of a call, a reply sent to the customer. Used by the live guide and by a promise kept
/// with the customer's report, which both add to the case without depending on each other.
internal sealed class CaseMessages(CalmDeskDbContext db, TimeProvider clock, InteractionLog log)
{
    /// Stores what the customer said on the call (or chat…) as a note on the case, analysed like any message.
    public async Task<Outcome<InteractionView>> AddNoteAsync(
        Viewer viewer, int id, string? body, string? channel = null, int? minutes = null, CancellationToken cancellationToken = default) =>
        await RecordAsync(viewer, id, new InteractionInput(channel ?? nameof(Channel.Call), nameof(Direction.Internal), null, null, body, minutes), null, cancellationToken);

    /// Stores a message on the case (sent to the customer when <paramref name="send"/>), for the customer's latest contact,
    /// and moves the case to <paramref name="then"/> while it is still open or waiting on us.
    public async Task<Outcome<InteractionView>> RecordAsync(
        Viewer viewer, int id, InteractionInput input, CaseStatus? then, CancellationToken cancellationToken, bool send = false, IReadOnlyList<Attachment>? files = null)
    {
        var target = await ActiveAsync(db, viewer, id, cancellationToken);
        if (target is null)
        {
            return Outcome<InteractionView>.Missing();
        }

        var contactId = await db.Interactions.Where(i => i.CaseId == id && i.ContactId != null)
            .OrderByDescending(i => i.OccurredAt).Select(i => i.ContactId).FirstOrDefaultAsync(cancellationToken);
        var outcome = send
            ? await log.SendAsync(viewer, target.CustomerId, input with { ContactId = contactId }, id, files, cancellationToken)
            : await log.AddAsync(viewer, target.CustomerId, input with { ContactId = contactId }, id, cancellationToken);
        if (outcome.Succeeded)
        {
            await MoveCaseAsync(target, then, cancellationToken);
        }

        return outcome;
    }

    /// The message is stored (and a reply queued) by now: the case's time and status follow it. A customer's message that
    /// joined the case meanwhile raised its version; this bookkeeping is not a decision to refuse, so the case is read
    /// again and moved, rather than answering a conflict that would make the rep send the same reply twice.
    private async Task MoveCaseAsync(Case target, CaseStatus? then, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            target.UpdatedAt = clock.GetUtcNow();
            if (then is { } status && target.Status is CaseStatus.Open or CaseStatus.WaitingOnUs)
            {
                target.Status = status;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Conflicts.Attempts)
            {
                await db.Entry(target).ReloadAsync(cancellationToken);
            }
        }
    }

    /// The case as the viewer may act on it: visible to them and not merged into another.
    public static Task<Case?> ActiveAsync(CalmDeskDbContext db, Viewer viewer, int id, CancellationToken cancellationToken) =>
        db.Cases.VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id && c.MergedIntoId == null, cancellationToken);
}
