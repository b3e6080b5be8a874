using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

internal sealed record HandoverView(
    int Id, int CustomerId, string Company, int FromRepId, string FromRep, int? ToRepId, string? ToRep, HandoverReason Reason,
    string Explanation, string Note, HandoverStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

internal sealed record Colleague(int RepId, string Name, int Customers, int OpenCases, int MaxIn30Days, bool Fits, bool SpeaksLanguage);

/// Hand-overs: suggested when a customer crosses the assigned rep's line, or asked for by the rep; a manager approves
/// (the account moves, and the new rep is prompted to introduce themselves) or declines. The colleague suggested is one
/// whose own tolerance the customer's recent incidents would not cross, who already serves customers in the same
/// language (or works in it), with the lightest workload.
internal sealed class HandoverDesk(CalmDeskDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<HandoverView>> ListAsync(Viewer viewer, bool pendingOnly, CancellationToken cancellationToken = default)
    {
        var ownRepId = await db.Reps.IdOfAsync(viewer, cancellationToken);
        return await Views(db.Handovers.AsNoTracking()
                // The colleague proposed reads the note (open cases, quoted abuse) only once the account is theirs.
                .Where(h => viewer.SeesAll || h.FromRepId == ownRepId || (h.ToRepId == ownRepId && h.Status == HandoverStatus.Approved))
                .Where(h => !pendingOnly || h.Status == HandoverStatus.Pending)
                .OrderBy(h => h.Status).ThenByDescending(h => h.RequestedAt).Take(200))
            .ToListAsync(cancellationToken);
    }

    /// The rep asks to hand one of their accounts to a colleague.
    public async Task<Outcome<HandoverView>> RequestAsync(Viewer viewer, int customerId, string? why, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Outcome<HandoverView>.Missing();
        }

        if (customer.AssignedRepId is not { } fromRepId)
        {
            return Outcome<HandoverView>.Invalid("customerId", Messages.Get("This customer has no rep to hand over from."));
        }

        if (why is { Length: > Handover.MaxTextLength })
        {
            return Outcome<HandoverView>.Invalid("why", Messages.Format("At most {0} characters.", Handover.MaxTextLength));
        }

        if (await db.Handovers.AnyAsync(h => h.CustomerId == customerId && h.Status == HandoverStatus.Pending, cancellationToken))
        {
            return Outcome<HandoverView>.Invalid("customerId", Messages.Get("A hand-over of this customer is already waiting for a manager."));
        }

        var handover = await SuggestAsync(db, customerId, fromRepId, HandoverReason.Requested,
            string.IsNullOrWhiteSpace(why) ? StoredText.Write("The rep asked to hand this account over.") : why.Trim(), clock.GetUtcNow(), viewer.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<HandoverView>.Done(await Views(db.Handovers.AsNoTracking().Where(h => h.Id == handover.Id)).SingleAsync(cancellationToken));
    }

    /// A manager approves (optionally choosing another colleague): the account moves and the move is recorded.
    public async Task<Outcome<HandoverView>> ApproveAsync(Viewer viewer, int id, int? toRepId, CancellationToken cancellationToken = default)
    {
        if (!viewer.SeesAll)
        {
            return Outcome<HandoverView>.Missing();
        }

        var handover = await db.Handovers.Include(h => h.Customer).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (handover is null)
        {
            return Outcome<HandoverView>.Missing();
        }

        if (handover.Status != HandoverStatus.Pending)
        {
            return Outcome<HandoverView>.Invalid("status", Messages.Get("This hand-over was already decided."));
        }

        var to = toRepId ?? handover.ToRepId;
        // An active colleague with the rep role, as the list of colleagues offers (not an admin who has a rep row).
        if (to is null || to == handover.FromRepId || !await (await ActiveRepsAsync(db, cancellationToken)).AnyAsync(r => r.Id == to, cancellationToken))
        {
            return Outcome<HandoverView>.Invalid("toRepId", Messages.Get("Choose an active colleague other than the current rep."));
        }

        if ((await CrossedAsync(db, handover.CustomerId, cancellationToken)).Contains(to.Value))
        {
            return Outcome<HandoverView>.Invalid("toRepId", Messages.Get("This customer crossed that rep's line before; the account is never handed back to them."));
        }

        var now = clock.GetUtcNow();
        handover.ToRepId = to;
        handover.Status = HandoverStatus.Approved;
        handover.DecidedAt = now;
        handover.DecidedByUserId = viewer.UserId;
        await AccountTransfer.MoveAsync(db, handover.Customer!, to.Value, viewer.UserId, handover.Explanation, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DecidedAsync(handover.CustomerId, now, cancellationToken);
        return Outcome<HandoverView>.Done(await Views(db.Handovers.AsNoTracking().Where(h => h.Id == id)).SingleAsync(cancellationToken));
    }

    public async Task<Outcome<HandoverView>> DeclineAsync(Viewer viewer, int id, CancellationToken cancellationToken = default)
    {
        if (!viewer.SeesAll)
        {
            return Outcome<HandoverView>.Missing();
        }

        // Saved through the context, not a bulk update, so the decision is in the audit log as the approval is; a manager
        // deciding at the same moment is turned away by the row's version.
        var handover = await db.Handovers.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (handover is null)
        {
            return Outcome<HandoverView>.Missing();
        }

        if (handover.Status != HandoverStatus.Pending)
        {
            return Outcome<HandoverView>.Invalid("status", Messages.Get("This hand-over was already decided."));
        }

        handover.Status = HandoverStatus.Declined;
        handover.DecidedAt = clock.GetUtcNow();
        handover.DecidedByUserId = viewer.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await DecidedAsync(handover.CustomerId, handover.DecidedAt.Value, cancellationToken);
        return Outcome<HandoverView>.Done(await Views(db.Handovers.AsNoTracking().Where(h => h.Id == id)).SingleAsync(cancellationToken));
    }

    /// Once one manager has decided, the "hand-over waiting" notices of that customer are read for every manager: none is
    /// left asking for a decision that was made.
    private Task<int> DecidedAsync(int customerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.Kind == NotificationKind.Handover && n.CustomerId == customerId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);

    /// Colleagues for an account (for a manager choosing), best fit first.
    /// Whether a hand-over of the customer waits for a manager's decision.
    public Task<bool> IsPendingAsync(int customerId, CancellationToken cancellationToken = default) =>
        db.Handovers.AnyAsync(h => h.CustomerId == customerId && h.Status == HandoverStatus.Pending, cancellationToken);

    public async Task<IReadOnlyList<Colleague>> ColleaguesForAsync(int customerId, CancellationToken cancellationToken = default)
    {
        var from = await db.Customers.Where(c => c.Id == customerId).Select(c => c.AssignedRepId).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return await ColleaguesAsync(db, customerId, from, clock.GetUtcNow(), cancellationToken);
    }

    /// The reps an account can go to: active, with the rep role (an admin or manager has a rep row too).
    private static async Task<IQueryable<Rep>> ActiveRepsAsync(CalmDeskDbContext db, CancellationToken cancellationToken)
    {
        var repRole = await db.Roles.Where(r => r.Name == Roles.Rep).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return db.Reps.Where(r => r.IsActive && db.UserRoles.Any(ur => ur.UserId == r.UserId && ur.RoleId == repRole));
    }

    /// Colleagues for an account, those the customer's recent incidents would not push over their line first, then by workload.
    public static async Task<IReadOnlyList<Colleague>> ColleaguesAsync(
        CalmDeskDbContext db, int customerId, int fromRepId, DateTimeOffset now, CancellationToken cancellationToken, RecentIncidents? recent = null)
    {
        var language = await db.Customers.Where(c => c.Id == customerId).Select(c => c.PreferredLanguage).FirstOrDefaultAsync(cancellationToken) ?? "";
        var crossed = await CrossedAsync(db, customerId, cancellationToken);
        var reps = await (await ActiveRepsAsync(db, cancellationToken)).AsNoTracking()
            .Where(r => r.Id != fromRepId && !crossed.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.DisplayName,
                Speaks = r.User!.Culture == language || db.Customers.Any(c => c.AssignedRepId == r.Id && c.PreferredLanguage == language),
            })
            .ToListAsync(cancellationToken);
        // Each workload counted once for every rep (the open cases from the index on status), not once per rep.
        var customers = await db.Customers.Where(c => c.AssignedRepId != null).GroupBy(c => c.AssignedRepId!.Value)
            .Select(g => new { Rep = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Rep, g => g.Count, cancellationToken);
        var openCases = await db.Cases.Where(Case.Active).Where(k => k.Customer!.AssignedRepId != null).GroupBy(k => k.Customer!.AssignedRepId!.Value)
            .Select(g => new { Rep = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Rep, g => g.Count, cancellationToken);
        var tolerances = await db.RepTolerances.AsNoTracking().ToDictionaryAsync(t => t.RepId, cancellationToken);
        recent ??= await Tolerance.RecentAsync(db, customerId, now, cancellationToken);
        return [.. reps
            .Select(r =>
            {
                var tolerance = tolerances.GetValueOrDefault(r.Id) ?? new RepTolerance { RepId = r.Id };
                return new Colleague(r.Id, r.DisplayName, customers.GetValueOrDefault(r.Id), openCases.GetValueOrDefault(r.Id), tolerance.MaxIn30Days,
                    !Tolerance.Check(recent, tolerance).Crossed, r.Speaks);
            })
            .OrderByDescending(c => c.Fits).ThenByDescending(c => c.SpeaksLanguage).ThenBy(c => c.Customers + c.OpenCases).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// The reps whose line this customer crossed: every rep the account was taken from because of it. The customer is
    /// never routed back to them, however long ago it was.
    private static async Task<List<int>> CrossedAsync(CalmDeskDbContext db, int customerId, CancellationToken cancellationToken) =>
        await db.Handovers.AsNoTracking()
            .Where(h => h.CustomerId == customerId && h.Reason == HandoverReason.Tolerance && h.Status == HandoverStatus.Approved)
            .Select(h => h.FromRepId).Distinct().ToListAsync(cancellationToken);

    /// When the new incident takes the customer over the rep's line and no hand-over is waiting, suggests one; returns it, or null.
    public static async Task<Handover?> SuggestIfCrossedAsync(
        CalmDeskDbContext db, int customerId, int repId, AbuseIncident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recent = await Tolerance.RecentAsync(db, customerId, now, cancellationToken);
        var crossing = Tolerance.Check(recent, await Tolerance.ForAsync(db, repId, cancellationToken));
        if (!crossing.Crossed
            || db.Handovers.Local.Any(h => h.CustomerId == customerId && h.Status == HandoverStatus.Pending)
            || await db.Handovers.AnyAsync(h => h.CustomerId == customerId && h.Status == HandoverStatus.Pending, cancellationToken))
        {
            return null;
        }

        return await SuggestAsync(db, customerId, repId, HandoverReason.Tolerance, crossing.Explain() + "\n" + incident.Evidence, now, null, cancellationToken, recent);
    }

    private static async Task<Handover> SuggestAsync(
        CalmDeskDbContext db, int customerId, int fromRepId, HandoverReason reason, string explanation, DateTimeOffset now, string? byUserId,
        CancellationToken cancellationToken, RecentIncidents? recent = null)
    {
        var colleague = (await ColleaguesAsync(db, customerId, fromRepId, now, cancellationToken, recent)).FirstOrDefault(c => c.Fits);
        var handover = new Handover
        {
            CustomerId = customerId, FromRepId = fromRepId, ToRepId = colleague?.RepId, Reason = reason, Status = HandoverStatus.Pending,
            Explanation = Excerpts.Fit(explanation, Handover.MaxTextLength), Note = Excerpts.Fit(await NoteAsync(db, customerId, now, cancellationToken), Handover.MaxTextLength), RequestedAt = now, RequestedByUserId = byUserId,
        };
        db.Handovers.Add(handover);
        var company = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Company).FirstAsync(cancellationToken);
        var from = await db.Reps.Where(r => r.Id == fromRepId).Select(r => r.DisplayName).FirstAsync(cancellationToken);
        foreach (var manager in await Roles.UserIdsAsync(db, Roles.Manager, cancellationToken))
        {
            db.Notifications.Add(new Notification
            {
                RecipientUserId = manager, Kind = NotificationKind.Handover, CustomerId = customerId, Subject = Excerpts.Fit(explanation, 300),
                Company = company, OwnerName = from, CreatedAt = now,
            });
        }

        return handover;
    }

    /// The account in a few lines for the colleague taking it: since when, open cases, open promises, recent incidents.
    private static async Task<string> NoteAsync(CalmDeskDbContext db, int customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Company, c.CreatedAt }).FirstAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(Case.Active).Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.UpdatedAt).Select(c => c.Title).Take(5).ToListAsync(cancellationToken);
        var promises = await db.Commitments.AsNoTracking().Where(c => c.CustomerId == customerId && c.Status == CommitmentStatus.Open)
            .OrderBy(c => c.DueAt).Select(c => new { c.What, c.DueAt }).Take(5).ToListAsync(cancellationToken);
        var incidents = (await Tolerance.RecentAsync(db, customerId, now, cancellationToken, days: 90)).Count;
        // One fact a line, each a stored kind, so every reader gets the summary in their own language.
        var lines = new List<string> { StoredText.Write("A customer since {0}: {1}.", customer.CreatedAt, OneLine(customer.Company)) };
        lines.AddRange(cases.Count == 0 ? [StoredText.Write("No open cases.")] : cases.Select(c => StoredText.Write("Open case: {0}", OneLine(c))));
        lines.AddRange(promises.Count == 0 ? [StoredText.Write("No open promises.")]
            : promises.Select(p => StoredText.Write("Open promise: {0} (due {1})", OneLine(p.What), p.DueAt)));
        lines.Add(StoredText.Write("Abuse incidents in the last 90 days: {0}.", incidents));
        return string.Join('\n', lines);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static IQueryable<HandoverView> Views(IQueryable<Handover> handovers) =>
        handovers.Select(h => new HandoverView(h.Id, h.CustomerId, h.Customer!.Company, h.FromRepId, h.FromRep!.DisplayName, h.ToRepId,
            h.ToRep == null ? null : h.ToRep.DisplayName, h.Reason, StoredText.Read(h.Explanation), StoredText.Read(h.Note), h.Status, h.RequestedAt, h.DecidedAt));
}
