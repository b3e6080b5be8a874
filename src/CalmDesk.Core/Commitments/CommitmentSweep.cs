using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Commitments;

/// One pass over the promises whose reminder, 'at risk' or overdue moment has come. Each moment is claimed with a
/// conditional UPDATE (… WHERE SentAt IS NULL) inside the transaction that writes its notifications: when two
/// instances of the program sweep the same database, only one claim succeeds, so each reminder fires once.
internal sealed class CommitmentSweep(CalmDeskDbContext db, TimeProvider clock)
{
    private const int BatchSize = 200;

    public sealed record Result(int Reminders, int AtRisk, int Overdue, int Escalations);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Latest moment first: a promise found already overdue (the service was down) gets one overdue notice, not three.
        var overdue = await FireAsync(c => c.OverdueSentAt == null && c.DueAt <= now, NotificationKind.Overdue, now, cancellationToken);
        var atRisk = await FireAsync(c => c.AtRiskSentAt == null && c.AtRiskAt <= now, NotificationKind.AtRisk, now, cancellationToken);
        var reminders = await FireAsync(c => c.ReminderSentAt == null && c.RemindAt <= now, NotificationKind.Reminder, now, cancellationToken);
        return new Result(reminders.Fired, atRisk.Fired, overdue.Fired, overdue.Escalations);
    }

    private async Task<(int Fired, int Escalations)> FireAsync(
        System.Linq.Expressions.Expression<Func<Commitment, bool>> pending, NotificationKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fired = 0;
        var escalations = 0;
        var managers = kind == NotificationKind.Overdue ? await Roles.UserIdsAsync(db, Roles.Manager, cancellationToken) : [];
        while (true)
        {
            var batch = await db.Commitments.AsNoTracking()
                .Where(c => c.Status == CommitmentStatus.Open).Where(pending)
                .OrderBy(c => c.DueAt).Take(BatchSize)
                .Select(c => new { c.Id, c.DueAt, c.What, c.CustomerId, c.CaseId, c.Customer!.Company, OwnerUserId = c.Owner!.UserId, OwnerName = c.Owner.DisplayName })
                .ToListAsync(cancellationToken);
            var claimedAny = false;
            foreach (var item in batch)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await ClaimAsync(item.Id, item.DueAt, kind, now, cancellationToken) == 0)
                {
                    // Another instance got there first, or the promise changed meanwhile.
                    continue;
                }

                claimedAny = true;
                fired++;
                Notification Note(string recipient, NotificationKind noteKind) => new()
                {
                    RecipientUserId = recipient, Kind = noteKind, CommitmentId = item.Id, CaseId = item.CaseId, CustomerId = item.CustomerId,
                    Subject = item.What, Company = item.Company, OwnerName = item.OwnerName, DueAt = item.DueAt, CreatedAt = now,
                };
                db.Notifications.Add(Note(item.OwnerUserId, kind));
                foreach (var manager in managers.Where(m => m != item.OwnerUserId))
                {
                    db.Notifications.Add(Note(manager, NotificationKind.Escalation));
                    escalations++;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            if (batch.Count < BatchSize || !claimedAny)
            {
                return (fired, escalations);
            }
        }
    }

    /// Marks the moment (and any earlier one not yet sent) as sent, if nobody has, and the due time is still the one read.
    private Task<int> ClaimAsync(int id, DateTimeOffset dueAt, NotificationKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = db.Commitments.Where(c => c.Id == id && c.Status == CommitmentStatus.Open && c.DueAt == dueAt);
        return kind switch
        {
            NotificationKind.Overdue => row.Where(c => c.OverdueSentAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.OverdueSentAt, now)
                .SetProperty(c => c.AtRiskSentAt, c => c.AtRiskSentAt ?? now)
                .SetProperty(c => c.ReminderSentAt, c => c.ReminderSentAt ?? now), cancellationToken),
            NotificationKind.AtRisk => row.Where(c => c.AtRiskSentAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AtRiskSentAt, now)
                .SetProperty(c => c.ReminderSentAt, c => c.ReminderSentAt ?? now), cancellationToken),
            _ => row.Where(c => c.ReminderSentAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderSentAt, now), cancellationToken),
        };
    }
}
