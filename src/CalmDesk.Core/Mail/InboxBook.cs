using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

/// <summary>
/// The conversations waiting for our reply: a customer's written message (mail or chat) with nothing from us after
/// it, one row per customer and case, longest wait first. A rep sees their customers; a manager can see the team.
/// </summary>
internal sealed class InboxBook(CalmDeskDbContext db, TimeProvider clock)
{
    /// How far back a conversation still counts as waiting.
    public const int Days = 60;

    private static readonly Channel[] Written = [Channel.Email, Channel.Chat];

    public async Task<IReadOnlyList<ConversationView>> WaitingAsync(Viewer viewer, bool mineOnly, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().AddDays(-Days);
        var customers = db.Customers.VisibleTo(viewer);
        if (mineOnly)
        {
            // Someone without a rep profile has no customers of their own (not the unassigned ones).
            var repId = await db.Reps.Where(r => r.UserId == viewer.UserId).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken) ?? -1;
            customers = customers.Where(c => c.AssignedRepId == repId);
        }

        var recent = db.Interactions.Where(i => i.OccurredAt >= since && Written.Contains(i.Channel) && i.Direction != Direction.Internal
            && customers.Any(c => c.Id == i.CustomerId));
        var groups = await recent
            .GroupBy(i => new { i.CustomerId, i.CaseId })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.CaseId,
                LastIn = g.Where(i => i.Direction == Direction.Inbound).Max(i => (DateTimeOffset?)i.OccurredAt),
                // Mail of ours that never arrived answered nothing.
                LastOut = g.Where(i => i.Direction == Direction.Outbound && i.Delivery != Delivery.Failed).Max(i => (DateTimeOffset?)i.OccurredAt),
            })
            .ToListAsync(cancellationToken);
        var waiting = groups.Where(g => g.LastIn is { } lastIn && (g.LastOut is null || g.LastOut < lastIn)).ToList();
        if (waiting.Count == 0)
        {
            return [];
        }

        var customerIds = waiting.Select(w => w.CustomerId).Distinct().ToList();
        var unanswered = await recent.Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Direction.Inbound)
            .Select(i => new
            {
                i.Id, i.CustomerId, i.CaseId, i.OccurredAt, i.Subject, Body = i.Body.Substring(0, 300), i.Channel, i.AngerCorrected,
                Anger = i.Analysis == null ? (AngerLevel?)null : i.Analysis.AngerLevel,
            })
            .ToListAsync(cancellationToken);
        var about = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Company, Owner = c.AssignedRep == null ? null : c.AssignedRep.DisplayName })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => customerIds.Contains(c.CustomerId))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        return [.. waiting.Select(w =>
            {
                var open = unanswered.Where(i => i.CustomerId == w.CustomerId && i.CaseId == w.CaseId && (w.LastOut is null || i.OccurredAt > w.LastOut))
                    .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
                var latest = open[^1];
                var customer = about[w.CustomerId];
                return new ConversationView(
                    w.CustomerId, customer.Company, w.CaseId, w.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null,
                    latest.Subject, Excerpts.Line(latest.Body, 160), latest.Channel, open[0].OccurredAt, open.Count,
                    latest.AngerCorrected ?? open.Max(i => i.AngerCorrected ?? i.Anger), customer.Owner);
            })
            .OrderBy(c => c.WaitingSince)];
    }
}

/// One conversation waiting for us: since when, how many messages, the angriest mood among them, and who owns it.
internal sealed record ConversationView(
    int CustomerId, string Company, int? CaseId, string? CaseTitle, string? Subject, string Preview, Channel Channel,
    DateTimeOffset WaitingSince, int Messages, AngerLevel? Mood, string? Owner);
