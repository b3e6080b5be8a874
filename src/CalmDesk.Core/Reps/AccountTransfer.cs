using CalmDesk.Accounts;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

/// Moving an account to another rep, whoever decides it (a manager editing the customer, or approving a hand-over).
/// Everything open moves with the account: cases and collection steps follow the customer by themselves; the old
/// rep's open promises, and with them their reminders, move to the new rep. The new rep, the old rep and the
/// managers are told. Changes are tracked: the caller's SaveChanges stores them with the move.
internal static class AccountTransfer
{
    public static async Task MoveAsync(
        CalmDeskDbContext db, Customer customer, int toRepId, string? byUserId, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fromRepId = customer.AssignedRepId;
        if (fromRepId == toRepId)
        {
            return;
        }

        customer.AssignedRepId = toRepId;
        // Kept so the new rep is prompted to introduce themselves, and so the account's history shows who had it when.
        db.Reassignments.Add(new Reassignment
        {
            CustomerId = customer.Id, FromRepId = fromRepId, ToRepId = toRepId, At = now, ByUserId = byUserId,
            Reason = reason is null ? null : Interactions.Excerpts.Fit(reason, Reassignment.MaxReasonLength),
        });
        var reps = await db.Reps.AsNoTracking().Where(r => r.Id == toRepId || r.Id == fromRepId || r.UserId == byUserId)
            .Select(r => new { r.Id, r.UserId, r.DisplayName }).ToListAsync(cancellationToken);
        var to = reps.Single(r => r.Id == toRepId);
        var previous = reps.SingleOrDefault(r => r.Id == fromRepId);
        var byRepId = reps.FirstOrDefault(r => r.UserId == byUserId)?.Id;
        if (previous is not null)
        {
            var promises = await db.Commitments
                .Where(c => c.CustomerId == customer.Id && c.OwnerRepId == previous.Id && c.Status == CommitmentStatus.Open).ToListAsync(cancellationToken);
            foreach (var promise in promises)
            {
                promise.OwnerRepId = toRepId;
                promise.History.Add(new CommitmentChange { Kind = CommitmentChangeKind.Reassigned, At = now, Reason = previous.DisplayName, ByRepId = byRepId });
            }
        }

        var subject = previous is null ? to.DisplayName : previous.DisplayName + " → " + to.DisplayName;
        void Tell(string userId, NotificationKind kind) => db.Notifications.Add(new Notification
        {
            RecipientUserId = userId, Kind = kind, CustomerId = customer.Id, Subject = subject, Company = customer.Company, OwnerName = to.DisplayName, CreatedAt = now,
        });
        Tell(to.UserId, NotificationKind.AccountReceived);
        if (previous is not null)
        {
            Tell(previous.UserId, NotificationKind.AccountLeft);
        }

        foreach (var manager in (await Roles.UserIdsAsync(db, Roles.Manager, cancellationToken)).Where(m => m != to.UserId && m != previous?.UserId))
        {
            Tell(manager, NotificationKind.AccountMoved);
        }
    }
}
