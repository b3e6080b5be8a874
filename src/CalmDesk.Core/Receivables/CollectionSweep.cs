using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Notifications;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Receivables;

/// One pass of the collection plan over every overdue invoice: each step that has come due is drafted in the
/// customer's language and put in the rep's queue, once. When several steps are due at once (an invoice imported
/// 70 days late), only the latest is drafted and the earlier ones are marked skipped: nobody sends a "friendly
/// reminder" about a bill three months overdue. The unique (invoice, step) key makes a second sweep's insert fail.
internal sealed class CollectionSweep(
    CalmDeskDbContext db, TimeProvider clock, IOptions<ReceivablesOptions> options, PlaybookStore playbooks, ReceivablesBook book)
{
    public sealed record Result(int Drafted, int Skipped);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var plan = settings.Plan;
        var today = settings.Today(clock);
        var overdue = (await book.OverdueStatesAsync(Accounts.Viewer.System, today, cancellationToken))
            .Where(s => s.Invoice.Kind == InvoiceKind.Invoice && s.IsOverdue(today) && plan.Any(p => p.AfterDays <= s.DaysOverdue(today)))
            .ToList();
        if (overdue.Count == 0)
        {
            return new Result(0, 0);
        }

        var ids = overdue.Select(s => s.Invoice.Id).ToList();
        var done = (await db.CollectionActions.AsNoTracking().Where(a => ids.Contains(a.InvoiceId)).Select(a => new { a.InvoiceId, a.Step }).ToListAsync(cancellationToken))
            .ToLookup(a => a.InvoiceId, a => a.Step);
        var customerIds = overdue.Select(s => s.Invoice.CustomerId).Distinct().ToList();
        var accounts = await Addressee.LoadAsync(db.Customers.Where(c => customerIds.Contains(c.Id)), cancellationToken);
        var paused = await CollectionPause.ForAsync(db, customerIds, cancellationToken);
        var library = playbooks.Current;
        var now = clock.GetUtcNow();
        int drafted = 0, skipped = 0;
        foreach (var state in overdue)
        {
            // A complaint is open: no reminder is drafted until it is resolved.
            if (paused.ContainsKey(state.Invoice.CustomerId))
            {
                continue;
            }

            var days = state.DaysOverdue(today);
            var missing = plan.Where(p => p.AfterDays <= days && !done[state.Invoice.Id].Contains(p.Key)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var customer = accounts[state.Invoice.CustomerId];
            var latest = missing[^1];
            var letter = CollectionLetters.Step(library, latest.Kind, latest.OfferDiscount, customer, state, today, settings);
            foreach (var step in missing)
            {
                var isLatest = ReferenceEquals(step, latest);
                db.CollectionActions.Add(new CollectionAction
                {
                    InvoiceId = state.Invoice.Id, CustomerId = customer.CustomerId, Step = step.Key, Kind = step.Kind, DaysOverdue = days, CreatedAt = now,
                    Status = isLatest ? CollectionActionStatus.Pending : CollectionActionStatus.Skipped,
                    Language = isLatest ? letter.Language : customer.Language,
                    Subject = isLatest ? letter.Subject : "", Body = isLatest ? letter.Body : "",
                });
            }

            if (customer.RepUserId is { } recipient)
            {
                db.Notifications.Add(new Notification
                {
                    RecipientUserId = recipient, Kind = NotificationKind.Collection, CustomerId = customer.CustomerId, Company = customer.Company,
                    Subject = $"{state.Invoice.Number} · {latest.Key}", CreatedAt = now,
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                drafted++;
                skipped += missing.Count - 1;
            }
            catch (DbUpdateException exception) when (ImportFile.IsUniqueViolation(exception))
            {
                // Another instance drafted this step first.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return new Result(drafted, skipped);
    }
}
