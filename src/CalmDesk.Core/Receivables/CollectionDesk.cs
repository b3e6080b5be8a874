using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Receivables;

internal sealed record CollectionActionView(
    int Id, int CustomerId, string Company, int InvoiceId, string InvoiceNumber, string Step, CollectionStepKind Kind, CollectionActionStatus Status,
    int DaysOverdue, string Language, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, long? InteractionId);

/// The rep's side of collection: the drafted steps waiting to go out, sending one (recorded in the customer's
/// timeline, never twice), and the late payers sorted into protesting and struggling, each with a drafted next move.
internal sealed class CollectionDesk(
    CalmDeskDbContext db, TimeProvider clock, IOptions<ReceivablesOptions> options, PlaybookStore playbooks, ReceivablesBook book, InteractionLog log)
{
    public async Task<IReadOnlyList<CollectionActionView>> ActionsAsync(Viewer viewer, bool pendingOnly, int? customerId = null, CancellationToken cancellationToken = default)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return await db.CollectionActions.AsNoTracking()
            .Where(a => visible.Any(c => c.Id == a.CustomerId) && (customerId == null || a.CustomerId == customerId))
            .Where(a => pendingOnly ? a.Status == CollectionActionStatus.Pending : a.Status != CollectionActionStatus.Skipped)
            .OrderByDescending(a => a.DaysOverdue).ThenBy(a => a.Id).Take(500)
            .Select(a => new CollectionActionView(a.Id, a.CustomerId, a.Customer!.Company, a.InvoiceId, a.Invoice!.Number, a.Step, a.Kind, a.Status,
                a.DaysOverdue, a.Language, a.Subject, a.Body, a.CreatedAt, a.DoneAt, a.InteractionId))
            .ToListAsync(cancellationToken);
    }

    /// Sends a drafted step (the rep may have edited it): an email is recorded as outbound in the timeline, a call as a
    /// call note. A step already done or skipped is refused, so a double click never sends it twice.
    public async Task<Outcome<CollectionActionView>> CompleteAsync(Viewer viewer, int id, string? subject, string? body, CancellationToken cancellationToken = default)
    {
        var action = await Visible(viewer).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return Outcome<CollectionActionView>.Missing();
        }

        var repId = await db.Reps.Where(r => r.UserId == viewer.UserId).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.CollectionActions.Where(a => a.Id == id && a.Status == CollectionActionStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, CollectionActionStatus.Done).SetProperty(a => a.DoneAt, now).SetProperty(a => a.DoneByRepId, repId), cancellationToken);
        if (claimed == 0)
        {
            return Outcome<CollectionActionView>.Invalid("status", action.Status == CollectionActionStatus.Done
                ? Messages.Get("This step was already sent; it is never sent twice.")
                : Messages.Get("This step was skipped."));
        }

        var input = action.Kind == CollectionStepKind.Call
            ? new InteractionInput(nameof(Channel.Call), nameof(Direction.Internal), null, action.Subject, string.IsNullOrWhiteSpace(body) ? action.Body : body)
            : new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null, string.IsNullOrWhiteSpace(subject) ? action.Subject : subject, string.IsNullOrWhiteSpace(body) ? action.Body : body);
        var recorded = await log.AddAsync(viewer, action.CustomerId, input, cancellationToken);
        if (recorded.Value is null)
        {
            return Outcome<CollectionActionView>.Invalid(recorded.Errors);
        }

        await db.CollectionActions.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.InteractionId, recorded.Value.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var views = await ActionsAsync(viewer, pendingOnly: false, action.CustomerId, cancellationToken);
        return Outcome<CollectionActionView>.Done(views.First(v => v.Id == id));
    }

    /// Sets a drafted step aside without sending it (a promise to pay came in, the complaint is being handled first).
    public async Task<bool> SkipAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await Visible(viewer).Where(a => a.Id == id && a.Status == CollectionActionStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, CollectionActionStatus.Skipped), cancellationToken) > 0;

    /// Every visible customer with an overdue invoice: protesting first, then struggling, then the rest, by how late.
    public async Task<IReadOnlyList<LatePayer>> LatePayersAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        var today = book.Today;
        var overdue = await book.OverdueAsync(viewer, today, cancellationToken);
        if (overdue.Count == 0)
        {
            return [];
        }

        var customerIds = overdue.Select(i => i.CustomerId).Distinct().ToList();
        var since = new DateTimeOffset(overdue.Min(i => i.IssuedOn).AddDays(-LatePayers.WindowDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var customers = (await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Company, c.PreferredLanguage, Rep = c.AssignedRep == null ? null : c.AssignedRep.DisplayName, Contact = c.Contacts.OrderBy(k => k.Id).Select(k => k.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken)).ToDictionary(c => c.Id);
        var cases = (await db.Cases.AsNoTracking()
            .Where(c => customerIds.Contains(c.CustomerId) && c.MergedIntoId == null && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .Select(c => new { c.CustomerId, Facts = new LatePayers.CaseFacts(c.Id, c.Title, c.Situations, c.UpdatedAt) })
            .ToListAsync(cancellationToken)).ToLookup(c => c.CustomerId, c => c.Facts);
        var messages = (await db.Interactions.AsNoTracking()
            .Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Direction.Inbound && i.Analysis != null)
            .Select(i => new { i.CustomerId, i.Id, i.Subject, i.Body, i.OccurredAt, i.Analysis!.AngerLevel, i.Analysis.Situations })
            .ToListAsync(cancellationToken))
            .Where(m => m.OccurredAt >= since)
            .ToLookup(m => m.CustomerId, m => new LatePayers.MessageFacts(m.Id, m.Subject, m.Body, m.OccurredAt, m.AngerLevel, m.Situations));

        var library = playbooks.Current;
        var settings = options.Value;
        var result = new List<LatePayer>();
        foreach (var group in overdue.GroupBy(i => (i.CustomerId, i.Currency)))
        {
            var customer = customers[group.Key.CustomerId];
            var (kind, signals) = LatePayers.Diagnose(cases[customer.Id], messages[customer.Id]);
            var oldest = group.MaxBy(i => i.DaysOverdue)!;
            var state = new InvoiceState(new Invoice { Id = oldest.Id, Number = oldest.Number, Currency = oldest.Currency, DueOn = oldest.DueOn, IssuedOn = oldest.IssuedOn }, oldest.Open, null);
            var account = new CollectionLetters.Account(customer.Company, customer.PreferredLanguage, customer.Contact, customer.Rep);
            var total = group.Sum(i => i.Open);
            var (move, draft) = kind switch
            {
                LatePayerKind.Protesting => ("resolve_complaint_first", CollectionLetters.ResolveFirst(library, account, state,
                    signals.FirstOrDefault(s => s.CaseId is not null)?.Text ?? signals[0].Text, today, settings)),
                LatePayerKind.Struggling => ("offer_payment_plan", CollectionLetters.PaymentPlan(library, account, state, total, today, settings)),
                _ => ("follow_the_plan", CollectionLetters.Step(library, NextLetterKind(settings, oldest.DaysOverdue), false, account, state, today, settings)),
            };
            result.Add(new LatePayer(customer.Id, customer.Company, customer.PreferredLanguage, customer.Rep, kind, total, group.Key.Currency,
                oldest.DaysOverdue, [.. group.Select(i => i.Number)], signals, move, draft));
        }

        return [.. result.OrderBy(p => p.Kind).ThenByDescending(p => p.OldestDays)];
    }

    /// The written step of the plan that fits how late the invoice is (a call is a task, not a letter).
    private static CollectionStepKind NextLetterKind(ReceivablesOptions settings, int daysOverdue) =>
        settings.Plan.LastOrDefault(p => p.AfterDays <= daysOverdue && p.Kind != CollectionStepKind.Call)?.Kind ?? CollectionStepKind.Friendly;

    private IQueryable<CollectionAction> Visible(Viewer viewer)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return db.CollectionActions.AsNoTracking().Where(a => visible.Any(c => c.Id == a.CustomerId));
    }
}
