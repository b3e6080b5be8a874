using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Commitments;

/// Records promises, lists them by urgency, and keeps their history as they are kept, delayed or cancelled.
internal sealed class CommitmentBook(CalmDeskDbContext db, TimeProvider clock, CaseMessages messages, InteractionLog log)
{
    public async Task<IReadOnlyList<CommitmentView>> ListAsync(
        Viewer viewer, bool includeClosed = false, int? customerId = null, int? caseId = null, CancellationToken cancellationToken = default)
    {
        var query = Query(viewer).Where(c => includeClosed || c.Status == CommitmentStatus.Open);
        if (customerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (caseId is { } caseNumber)
        {
            query = query.Where(c => c.CaseId == caseNumber);
        }

        return ByUrgency(await query.OrderBy(c => c.DueAt).Take(500).ToListAsync(cancellationToken));
    }

    /// How far ahead `DueAsync` callers may look: a year.
    public const int MaxDueWindowHours = 24 * 366;

    /// Open promises due before the given time (overdue included), most urgent first: `calmdesk commitments due`.
    public async Task<IReadOnlyList<CommitmentView>> DueAsync(Viewer viewer, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        return ByUrgency(await Query(viewer).Where(c => c.Status == CommitmentStatus.Open && c.DueAt <= before).ToListAsync(cancellationToken));
    }

    /// How many open promises are overdue, and the <paramref name="take"/> overdue longest (the dashboard): counted and
    /// picked by the database, not read whole.
    public async Task<(int Count, IReadOnlyList<CommitmentView> Oldest)> OverdueAsync(Viewer viewer, int take, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var overdue = Query(viewer).AsNoTracking().Where(c => c.Status == CommitmentStatus.Open && c.DueAt <= now);
        var count = await overdue.CountAsync(cancellationToken);
        var oldest = await overdue.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(take).ToListAsync(cancellationToken);
        return (count, ByUrgency(oldest));
    }

    public async Task<CommitmentView?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await Query(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } commitment ? View(commitment, clock.GetUtcNow()) : null;

    public async Task<Outcome<CommitmentView>> CreateAsync(
        Viewer viewer, CommitmentInput input, CommitmentSource source = CommitmentSource.Manual, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var errors = input.Validate(now);
        var customerId = input.CustomerId;
        if (input.CaseId is { } caseId)
        {
            var owningCase = await db.Cases.VisibleTo(viewer).Where(c => c.Id == caseId).Select(c => new { c.CustomerId }).SingleOrDefaultAsync(cancellationToken);
            if (owningCase is null)
            {
                errors["caseId"] = [Messages.Format("Case {0} does not exist or is not yours.", caseId)];
            }
            else if (customerId is not null && customerId != owningCase.CustomerId)
            {
                errors["caseId"] = [Messages.Format("Case {0} belongs to another customer.", caseId)];
            }
            else
            {
                customerId = owningCase.CustomerId;
            }
        }

        if (customerId is { } id && !await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == id, cancellationToken))
        {
            errors["customerId"] = [Messages.Format("Customer {0} does not exist or is not yours.", id)];
        }

        var owner = await OwnerAsync(viewer, input.OwnerRepId, cancellationToken);
        if (owner is null)
        {
            errors["ownerRepId"] = [viewer.SeesAll
                ? Messages.Get("Choose an active rep to keep the promise.")
                : Messages.Get("A rep can only make promises they keep themselves.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<CommitmentView>.Invalid(errors);
        }

        var commitment = New(customerId!.Value, input.CaseId, owner!.Value, input.What!.Trim(), input.DueAt!.Value.ToUniversalTime(), source, now);
        db.Commitments.Add(commitment);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CommitmentView>.Done((await GetAsync(Viewer.System, commitment.Id, cancellationToken))!);
    }

    /// A new promise with its first history line; the caller adds and saves it.
    public static Commitment New(int customerId, int? caseId, int ownerRepId, string what, DateTimeOffset dueAt, CommitmentSource source, DateTimeOffset now)
    {
        var commitment = new Commitment { CustomerId = customerId, CaseId = caseId, OwnerRepId = ownerRepId, What = what, Source = source, CreatedAt = now };
        commitment.Schedule(dueAt, now);
        commitment.History.Add(new CommitmentChange { Kind = CommitmentChangeKind.Created, At = now, NewDueAt = dueAt });
        return commitment;
    }

    /// Marks a promise kept. What the customer reported when it was kept (a check-in after a change: "the new portal
    /// works, ordering takes half the time") is kept with it and, for a case's promise, added to the case as a note,
    /// analysed like any message.
    public Task<Outcome<CommitmentView>> CompleteAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        CompleteAsync(viewer, id, null, cancellationToken);

    public async Task<Outcome<CommitmentView>> CompleteAsync(Viewer viewer, int id, string? report, CancellationToken cancellationToken = default)
    {
        if (report is { Length: > Interaction.MaxBodyLength })
        {
            return Outcome<CommitmentView>.Invalid("report", Messages.Format("At most {0} characters.", Interaction.MaxBodyLength));
        }

        var given = string.IsNullOrWhiteSpace(report) ? null : report.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var closed = await CloseAsync(viewer, id, CommitmentStatus.Done, CommitmentChangeKind.Done, given, cancellationToken);
        if (closed.Value?.CaseId is { } onCase && given is not null
            && (await messages.AddNoteAsync(viewer, onCase, given, cancellationToken: cancellationToken)).Errors is { Count: > 0 } refused)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Outcome<CommitmentView>.Invalid(refused);
        }

        await transaction.CommitAsync(cancellationToken);
        return closed;
    }

    public async Task<Outcome<CommitmentView>> CancelAsync(Viewer viewer, int id, string? reason, CancellationToken cancellationToken = default) =>
        await CloseAsync(viewer, id, CommitmentStatus.Cancelled, CommitmentChangeKind.Cancelled, reason, cancellationToken);

    /// Moves the due time, after telling the customer: the notice is recorded in their timeline (and the case), and
    /// the history keeps the old date, the new one, the reason and the notice.
    public async Task<Outcome<CommitmentView>> DelayAsync(
        Viewer viewer, int id, DateTimeOffset? newDueAt, string? reason, string? notice, CancellationToken cancellationToken = default)
    {
        var commitment = await Query(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commitment is null)
        {
            return Outcome<CommitmentView>.Missing();
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (commitment.Status != CommitmentStatus.Open)
        {
            errors["status"] = [Messages.Get("Only an open promise can be delayed.")];
        }

        if (newDueAt is null || newDueAt <= now)
        {
            errors["newDueAt"] = [Messages.Get("The new due time must be in the future.")];
        }
        else if (newDueAt <= commitment.DueAt)
        {
            errors["newDueAt"] = [Messages.Get("The new due time must be later than the current one.")];
        }
        else
        {
            BusinessDates.Check(errors, "newDueAt", newDueAt);
        }

        if (string.IsNullOrWhiteSpace(notice))
        {
            errors["notice"] = [Messages.Get("Tell the customer first: the delay notice is required.")];
        }
        else if (notice.Length > 4000)
        {
            errors["notice"] = [Messages.Format("The notice must be at most {0} characters.", 4000)];
        }

        if (reason is { Length: > 500 })
        {
            errors["reason"] = [Messages.Format("The reason must be at most {0} characters.", 500)];
        }

        if (errors.Count > 0)
        {
            return Outcome<CommitmentView>.Invalid(errors);
        }

        var previous = commitment.DueAt;
        commitment.Schedule(newDueAt!.Value.ToUniversalTime(), now);
        commitment.History.Add(new CommitmentChange
        {
            Kind = CommitmentChangeKind.Delayed, At = now, PreviousDueAt = previous, NewDueAt = commitment.DueAt,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Notice = notice!.Trim(), ByRepId = await db.Reps.IdOfAsync(viewer, cancellationToken),
        });
        // The notice enters the customer's timeline (and the case) as any reply does, saved together with the new date.
        var recorded = await log.SendAsync(
            viewer, commitment.CustomerId, new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null, null, notice), commitment.CaseId, cancellationToken: cancellationToken);
        if (!recorded.Succeeded)
        {
            db.ChangeTracker.Clear();
            return recorded.NotFound
                ? Outcome<CommitmentView>.Invalid("customerId", Messages.Format("Customer {0} does not exist or is not yours.", commitment.CustomerId))
                : Outcome<CommitmentView>.Invalid(recorded.Errors);
        }

        return Outcome<CommitmentView>.Done(View(commitment, now) with { NoticeDelivery = recorded.Value?.Delivery });
    }

    private async Task<Outcome<CommitmentView>> CloseAsync(
        Viewer viewer, int id, CommitmentStatus status, CommitmentChangeKind kind, string? reason, CancellationToken cancellationToken)
    {
        var commitment = await Query(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commitment is null)
        {
            return Outcome<CommitmentView>.Missing();
        }

        if (commitment.Status != CommitmentStatus.Open)
        {
            return Outcome<CommitmentView>.Invalid("status", Messages.Get("This promise is already closed."));
        }

        var now = clock.GetUtcNow();
        commitment.Status = status;
        commitment.CompletedAt = now;
        commitment.History.Add(new CommitmentChange { Kind = kind, At = now, Reason = reason, ByRepId = await db.Reps.IdOfAsync(viewer, cancellationToken) });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CommitmentView>.Done(View(commitment, now));
    }

    /// The rep who will keep a new promise: the one named (managers may name anyone active), else the viewer's own.
    public async Task<int?> OwnerAsync(Viewer viewer, int? ownerRepId, CancellationToken cancellationToken)
    {
        var own = await db.Reps.Where(r => r.IsActive).IdOfAsync(viewer, cancellationToken);
        if (ownerRepId is null || ownerRepId == own)
        {
            return own;
        }

        return viewer.SeesAll && await db.Reps.AnyAsync(r => r.Id == ownerRepId && r.IsActive, cancellationToken) ? ownerRepId : null;
    }

    /// Most urgent first: overdue, at risk, upcoming; then by due time.
    private List<CommitmentView> ByUrgency(List<Commitment> rows)
    {
        var now = clock.GetUtcNow();
        return [.. rows.Select(c => View(c, now)).OrderBy(v => v.State).ThenBy(v => v.DueAt)];
    }

    private IQueryable<Commitment> Query(Viewer viewer) =>
        db.Commitments.VisibleTo(viewer).Include(c => c.Customer).Include(c => c.Case).Include(c => c.Owner).Include(c => c.History);

    public static CommitmentView View(Commitment c, DateTimeOffset now) => new(
        c.Id, c.CustomerId, c.Customer?.Company ?? "", c.CaseId, c.Case?.Title, c.OwnerRepId, c.Owner?.DisplayName ?? "", StoredText.Read(c.What),
        c.DueAt, c.RemindAt, c.AtRiskAt, c.Status, CommitmentSchedule.StateOf(c, now), c.Source, c.CreatedAt, c.CompletedAt,
        [.. c.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new CommitmentChangeView(h.Kind, h.At, h.PreviousDueAt, h.NewDueAt, StoredText.Read(h.Reason), h.Notice))]);
}
