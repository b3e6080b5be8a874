using CalmDesk.Accounts;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Notifications;

internal sealed record NotificationView(
    long Id, NotificationKind Kind, string Subject, string? Company, string? OwnerName, int? CommitmentId, int? CaseId, int? CustomerId,
    DateTimeOffset? DueAt, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// A user's own in-app notifications: nobody reads anyone else's, managers included.
internal sealed class NotificationInbox(CalmDeskDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationView>> ListAsync(Viewer viewer, bool unreadOnly, int take = 100, CancellationToken cancellationToken = default) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientUserId == viewer.UserId && (!unreadOnly || n.ReadAt == null))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, 500))
            .Select(n => new NotificationView(n.Id, n.Kind, Localization.StoredText.Read(n.Subject), n.Company, n.OwnerName, n.CommitmentId, n.CaseId, n.CustomerId, n.DueAt, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);

    public Task<int> UnreadCountAsync(Viewer viewer, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.RecipientUserId == viewer.UserId && n.ReadAt == null, cancellationToken);

    /// Marks one notification (or, without an id, all) as read; returns how many changed.
    public Task<int> MarkReadAsync(Viewer viewer, long? id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.Notifications
            .Where(n => n.RecipientUserId == viewer.UserId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
