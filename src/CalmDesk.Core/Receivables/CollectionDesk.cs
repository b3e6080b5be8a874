using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Playbooks;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Receivables;

internal sealed record CollectionActionView(
    int Id, int CustomerId, string Company, int InvoiceId, string InvoiceNumber, string Step, CollectionStepKind Kind, CollectionActionStatus Status,
    int DaysOverdue, string Language, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, long? InteractionId)
{
    /// The file name of the invoice's document, which the copy step attaches; null when none is on file.
    public string? Document { get; init; }

    /// The open complaint that holds this step back, if any.
    public PausingCase? PausedBy { get; init; }

    /// What became of the message just recorded (queued in the outbox, or recorded only); null when none was.
    public Delivery? Delivery { get; init; }
}

/// The rep's side of collection: the drafted steps waiting to go out, sending one (recorded in the customer's
/// timeline, never twice), and the late payers sorted into protesting and struggling, each with a drafted next move.
internal sealed class CollectionDesk(
    CalmDeskDbContext db, TimeProvider clock, IOptions<ReceivablesOptions> options, PlaybookStore playbooks, ReceivablesBook book, InteractionLog log)
{
    public async Task<IReadOnlyList<CollectionActionView>> ActionsAsync(Viewer viewer, bool pendingOnly, int? customerId = null, CancellationToken cancellationToken = default)
    {
        var actions = await Views(Visible(viewer)
            .Where(a => customerId == null || a.CustomerId == customerId)
            .Where(a => pendingOnly ? a.Status == CollectionActionStatus.Pending : a.Status != CollectionActionStatus.Skipped)
            .OrderByDescending(a => a.DaysOverdue).ThenBy(a => a.Id).Take(500))
            .ToListAsync(cancellationToken);
        var paused = await CollectionPause.ForAsync(db, [.. actions.Where(a => a.Status == CollectionActionStatus.Pending).Select(a => a.CustomerId).Distinct()], cancellationToken);
        return [.. actions.Select(a => a.Status == CollectionActionStatus.Pending && paused.TryGetValue(a.CustomerId, out var by) ? a with { PausedBy = by } : a)];
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

        if (action.Status == CollectionActionStatus.Pending
            && (await CollectionPause.ForAsync(db, [action.CustomerId], cancellationToken)).GetValueOrDefault(action.CustomerId) is { } pausing)
        {
            return Outcome<CollectionActionView>.Invalid("paused", Messages.Format(
                "Payment reminders to this customer are paused while the complaint in case {0} ({1}) is open: resolve it first.", pausing.CaseId, pausing.Title));
        }

        // The copy step's letter says the invoice is attached: it goes only with the invoice's document.
        var now = clock.GetUtcNow();
        IReadOnlyList<Mail.Attachment> files = [];
        if (action.Kind == CollectionStepKind.Copy)
        {
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == action.InvoiceId, cancellationToken);
            if (invoice.DocumentAttachment(now) is not { } document)
            {
                return Outcome<CollectionActionView>.Invalid("document", Messages.Format(
                    "This step sends a copy of invoice {0}, but no document is on file for it: add it on the customer's account page (or import it with the invoice), then send the step.",
                    invoice.Number));
            }

            files = [document];
        }

        var repId = await db.Reps.IdOfAsync(viewer, cancellationToken);
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
        var recorded = action.Kind == CollectionStepKind.Call
            ? await log.AddAsync(viewer, action.CustomerId, input, cancellationToken)
            : await log.SendAsync(viewer, action.CustomerId, input, files: files, cancellationToken: cancellationToken);
        if (recorded.Value is null)
        {
            return Outcome<CollectionActionView>.Invalid(recorded.Errors);
        }

        await db.CollectionActions.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.InteractionId, recorded.Value.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CollectionActionView>.Done(await Views(Visible(viewer).Where(a => a.Id == id)).SingleAsync(cancellationToken) with { Delivery = recorded.Value.Delivery });
    }
    /// Sets a drafted step aside without sending it (a promise to pay came in, the complaint is being handled first).
    public async Task<bool> SkipAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await Visible(viewer).Where(a => a.Id == id && a.Status == CollectionActionStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, CollectionActionStatus.Skipped), cancellationToken) > 0;

    /// Every visible customer with an overdue invoice: protesting first, then struggling, then the rest, by how late.
    public async Task<Page<LatePayer>> LatePayersAsync(Viewer viewer, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var today = book.Today;
        var (number, size) = Page<LatePayer>.Clamp(page, pageSize ?? LatePayersPageSize);
        var accounts = await book.LateAccountsAsync(viewer, today, cancellationToken);
        // Each late account on the page is diagnosed (its messages read, its letter drafted); the others are only counted.
        var shown = accounts.Skip((number - 1) * size).Take(size).ToHashSet();
        var overdue = shown.Count == 0 ? [] : (await book.OverdueStatesAsync(viewer, today, [.. shown.Select(a => a.CustomerId).Distinct()], cancellationToken))
            .Where(s => shown.Contains((s.Invoice.CustomerId, s.Invoice.Currency.ToUpperInvariant()))).ToList();
        if (overdue.Count == 0)
        {
            return new Page<LatePayer>([], number, size, accounts.Count);
        }

        var customerIds = overdue.Select(s => s.Invoice.CustomerId).Distinct().ToList();
        var since = new DateTimeOffset(overdue.Min(s => s.Invoice.IssuedOn).AddDays(-LatePayers.WindowDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var addressees = await Addressee.LoadAsync(db.Customers.Where(c => customerIds.Contains(c.Id)), cancellationToken);
        var (cases, messages) = await LatePayers.LoadFactsAsync(db, customerIds, since, cancellationToken);

        var library = playbooks.Current;
        var settings = options.Value;
        var result = new List<LatePayer>();
        foreach (var group in overdue.GroupBy(s => (s.Invoice.CustomerId, Currency: s.Invoice.Currency.ToUpperInvariant())))
        {
            var customer = addressees[group.Key.CustomerId];
            var (kind, signals) = LatePayers.Diagnose(cases[customer.CustomerId], messages[customer.CustomerId]);
            var oldest = group.MaxBy(s => s.DaysOverdue(today))!;
            var total = group.Sum(s => s.Open);
            var (move, draft) = kind switch
            {
                LatePayerKind.Protesting => ("resolve_complaint_first", CollectionLetters.ResolveFirst(library, customer, oldest,
                    signals.FirstOrDefault(s => s.CaseId is not null)?.Text ?? signals[0].Text, today, settings)),
                LatePayerKind.Struggling => ("offer_payment_plan", CollectionLetters.PaymentPlan(library, customer, oldest, total, today, settings)),
                _ => ("follow_the_plan", CollectionLetters.Step(library, NextLetterKind(settings, oldest.DaysOverdue(today)), false, customer, oldest, today, settings)),
            };
            result.Add(new LatePayer(customer.CustomerId, customer.Company, customer.Language, customer.RepName, kind, total, group.Key.Currency,
                oldest.DaysOverdue(today), [.. group.Select(s => s.Invoice.Number)], signals, move, draft));
        }

        return new Page<LatePayer>([.. result.OrderBy(p => p.Kind).ThenByDescending(p => p.OldestDays)], number, size, accounts.Count);
    }

    /// Late accounts diagnosed per page: the most overdue first, and on each page those protesting, then those
    /// struggling, then the rest.
    public const int LatePayersPageSize = 20;

    /// The written step of the plan that fits how late the invoice is (a call is a task, not a letter).
    private static CollectionStepKind NextLetterKind(ReceivablesOptions settings, int daysOverdue) =>
        settings.Plan.LastOrDefault(p => p.AfterDays <= daysOverdue && p.Kind != CollectionStepKind.Call)?.Kind ?? CollectionStepKind.Friendly;

    private static IQueryable<CollectionActionView> Views(IQueryable<CollectionAction> actions) =>
        actions.Select(a => new CollectionActionView(a.Id, a.CustomerId, a.Customer!.Company, a.InvoiceId, a.Invoice!.Number, a.Step, a.Kind, a.Status,
            a.DaysOverdue, a.Language, a.Subject, a.Body, a.CreatedAt, a.DoneAt, a.InteractionId) { Document = a.Invoice.DocumentName });

    private IQueryable<CollectionAction> Visible(Viewer viewer)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return db.CollectionActions.AsNoTracking().Where(a => visible.Any(c => c.Id == a.CustomerId));
    }
}
